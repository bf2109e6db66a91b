package org.gluster.events.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsFileTest {
    @TempDir
    Path events;

    @Test
    void theFileKeepsASaltedHashNeverTheSecretAndIsModeSixHundred() throws Exception {
        String secret = App.newSecret();
        App app = App.register("myapp", secret, Instant.parse("2026-11-23T10:00:00.123Z"));
        AppsFile.write(events, Map.of("myapp", app));

        String text = Files.readString(AppsFile.path(events));
        assertFalse(text.contains(secret), text);
        assertFalse(text.contains(secret.substring(App.SECRET_PREFIX.length())), "not even without its prefix");
        assertFalse(text.contains(Base64.getEncoder().encodeToString(secret.getBytes())), "nor encoded");
        assertTrue(text.contains("\"created\": \"2026-11-23T10:00:00Z\""), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(AppsFile.path(events))));
        assertFalse(app.toString().contains(Base64.getEncoder().encodeToString(app.hash())));

        App read = AppsFile.read(events).get("myapp");
        assertEquals(app, read);
        assertTrue(read.accepts(secret));
        assertFalse(read.accepts(secret + "x"));
        assertFalse(read.accepts(App.newSecret()));
        assertFalse(read.accepts(null));
    }

    @Test
    void theSameSecretHashesDifferentlyForTwoApps() {
        String secret = App.newSecret();
        App a = App.register("a", secret, Instant.EPOCH);
        App b = App.register("b", secret, Instant.EPOCH);
        assertFalse(java.util.Arrays.equals(a.hash(), b.hash()), "each app has its own salt");
    }

    @Test
    void secretsAreLongRandomAndPrefixed() {
        String one = App.newSecret();
        assertTrue(one.matches("gea_[A-Za-z0-9_-]{43}"), one);
        assertFalse(one.equals(App.newSecret()));
    }

    @Test
    void namesAreCheckedWithTheRuleInTheMessage() {
        for (String good : new String[] {"myapp", "a", "Grafana-1", "x_y", "9".repeat(64)}) assertEquals(good, App.validateName(good));
        for (String bad : new String[] {"", "my.app", "-dash", "_under", "sp ace", "a/b", "é", "9".repeat(65), "cluster", "Cluster"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> App.validateName(bad), bad);
            assertTrue(e.getMessage().contains(bad.isEmpty() ? "''" : bad), e.getMessage());
        }
    }

    @Test
    void noFileIsNoAppsAndABrokenFileSaysWhereWithoutQuotingIt() throws Exception {
        assertEquals(Map.of(), AppsFile.read(events));
        Files.writeString(AppsFile.path(events), "{\"myapp\": {\"salt\": \"c2FsdA==\", \"hash\": \"TOPSECRET\"");
        IOException broken = assertThrows(IOException.class, () -> AppsFile.read(events));
        assertTrue(broken.getMessage().contains("not valid JSON at line 1"), broken.getMessage());
        assertFalse(broken.getMessage().contains("TOPSECRET"), broken.getMessage());

        Files.writeString(AppsFile.path(events), "{\"myapp\": {\"salt\": \"c2FsdA==\", \"hash\": \"TOPSECRET\"}}");
        IOException badHash = assertThrows(IOException.class, () -> AppsFile.read(events));
        assertTrue(badHash.getMessage().contains("application myapp has no"), badHash.getMessage());
        assertFalse(badHash.getMessage().contains("TOPSECRET"), badHash.getMessage());

        Files.writeString(AppsFile.path(events), "");
        assertTrue(assertThrows(IOException.class, () -> AppsFile.read(events)).getMessage().contains("is empty"));
        Files.writeString(AppsFile.path(events), "[]");
        assertTrue(assertThrows(IOException.class, () -> AppsFile.read(events)).getMessage().contains("not a JSON object"));
    }
}
