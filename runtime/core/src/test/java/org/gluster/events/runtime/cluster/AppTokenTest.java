package org.gluster.events.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppTokenTest {
    private static final Predicate<String> MYAPP_REGISTERED = Set.of("myapp")::contains;

    @TempDir
    Path events;
    private ClusterSecret secret;

    @BeforeEach
    void createSecret() throws Exception {
        secret = ClusterSecret.loadOrCreate(events);
    }

    @Test
    void aTokenNamesItsAppUntilItExpires() {
        String token = AppToken.mint(secret, "myapp", 600, 1000);
        assertTrue(token.startsWith("a1.myapp.1600."), "a1.<app>.<expires>.<signature>");
        assertEquals(Optional.of("myapp"), AppToken.verify(secret, token, 1000, MYAPP_REGISTERED));
        assertEquals(Optional.of("myapp"), AppToken.verify(secret, token, 1600, MYAPP_REGISTERED), "valid up to its expiry");
        assertEquals(Optional.empty(), AppToken.verify(secret, token, 1601, MYAPP_REGISTERED), "expired");
    }

    @Test
    void aTokenOfAnAppNoLongerRegisteredIsRefused() {
        String token = AppToken.mint(secret, "myapp", 600, 1000);
        assertEquals(Optional.empty(), AppToken.verify(secret, token, 1000, Set.of("other")::contains));
    }

    @Test
    void forgedOrTamperedTokensAreRefused() throws Exception {
        ClusterSecret other = ClusterSecret.loadOrCreate(events.resolve("other-cluster"));
        String token = AppToken.mint(secret, "myapp", 600, 1000);
        Predicate<String> any = name -> true;
        assertEquals(Optional.empty(), AppToken.verify(other, token, 1000, any), "another cluster's secret");
        assertEquals(Optional.empty(), AppToken.verify(secret, token.replace("a1.myapp.", "a1.yourapp."), 1000, any), "another app");
        assertEquals(Optional.empty(), AppToken.verify(secret, token.replace(".1600.", ".9600."), 1000, any), "a later expiry");
        assertEquals(Optional.empty(), AppToken.verify(secret, AppToken.mint(other, "myapp", 600, 1000), 1000, any));
        String signedForEver = "a1.myapp.99999999999." + token.substring(token.lastIndexOf('.') + 1);
        assertEquals(Optional.empty(), AppToken.verify(secret, signedForEver, 1000, any), "claims to live for ever");
        for (String garbage : new String[] {null, "", "a1.", "a1.myapp", "a1.myapp.x.y", "a1.my.app.1600.sig", "v1.myapp.1600.sig"}) {
            assertEquals(Optional.empty(), AppToken.verify(secret, garbage, 1000, any), String.valueOf(garbage));
        }
    }

    @Test
    void aClusterTokenIsNoAppTokenNorTheOtherWayRound() {
        String cluster = ClusterToken.mint(secret, "cli", 1000);
        assertEquals(Optional.empty(), AppToken.verify(secret, cluster, 1000, name -> true));
        assertEquals(false, ClusterToken.verify(secret, AppToken.mint(secret, "myapp", 30, 1000), 1000));
    }

    @Test
    void mintingChecksTheNameAndTheLifetime() {
        assertThrows(IllegalArgumentException.class, () -> AppToken.mint(secret, "my.app", 60, 1000));
        assertThrows(IllegalArgumentException.class, () -> AppToken.mint(secret, "myapp", 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> AppToken.mint(secret, "myapp", AppToken.MAX_TTL_SECONDS + 1, 1000));
        String day = AppToken.mint(secret, "myapp", AppToken.MAX_TTL_SECONDS, 1000);
        assertEquals(Optional.of("myapp"), AppToken.verify(secret, day, 1000, MYAPP_REGISTERED), "a day is allowed");
    }
}
