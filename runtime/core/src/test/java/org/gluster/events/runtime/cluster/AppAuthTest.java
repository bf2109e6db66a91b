package org.gluster.events.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppAuthTest {
    @TempDir
    Path events;
    private final AppAuth auth = new AppAuth();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private ClusterSecret secret;
    private long now;

    @BeforeEach
    void open() throws Exception {
        secret = ClusterSecret.loadOrCreate(events);
        auth.open(secret, events);
        now = System.currentTimeMillis() / 1000;
    }

    private String add(String name) throws Exception {
        String appSecret = App.newSecret();
        apps.put(name, App.register(name, appSecret, Instant.now()));
        AppsFile.write(events, apps);
        return appSecret;
    }

    private Optional<String> who(String authorization, String query) {
        return auth.appOf(AppAuth.credentials(authorization, query), now);
    }

    @Test
    void theCredentialComesFromTheBearerHeaderOrTheAccessTokenQueryParameter() {
        assertEquals(List.of("abc"), AppAuth.credentials("Bearer abc", null));
        assertEquals(List.of("abc"), AppAuth.credentials("bearer  abc ", ""), "the scheme is case-insensitive");
        assertEquals(List.of(), AppAuth.credentials("Basic dXNlcjpwYXNz", "since=1"));
        assertEquals(List.of("a1.x.1.s+g/="), AppAuth.credentials(null, "since=1&access_token=a1.x.1.s%2Bg%2F%3D"));
        assertEquals(List.of("h", "q"), AppAuth.credentials("Bearer h", "access_token=q"), "the header first");
        assertEquals(List.of(), AppAuth.credentials(null, "access_token=%zz"), "a malformed query carries none");
    }

    @Test
    void anAppIsKnownByItsSecretOrItsTokenAndTheClusterByItsToken() throws Exception {
        String appSecret = add("myapp");
        assertEquals(Optional.of("myapp"), who("Bearer " + appSecret, null));
        assertEquals(Optional.of("myapp"), who(null, "access_token=" + appSecret));
        String token = AppToken.mint(secret, "myapp", 60, now);
        assertEquals(Optional.of("myapp"), who("Bearer " + token, null));
        assertEquals(Optional.of("myapp"), who(null, "x=1&access_token=" + token));
        assertEquals(Optional.of(AppAuth.CLUSTER), who("Bearer " + ClusterToken.mint(secret, "cli", now), null));
        assertEquals(Optional.of("myapp"), who("Bearer wrong", "access_token=" + token), "a bad header does not hide a good parameter");
    }

    @Test
    void noWrongExpiredOrForeignCredentialPasses() throws Exception {
        String appSecret = add("myapp");
        assertEquals(Optional.empty(), who(null, null));
        assertEquals(Optional.empty(), who("Bearer ", null));
        assertEquals(Optional.empty(), who("Bearer " + appSecret + "x", null));
        assertEquals(Optional.empty(), who("Bearer " + App.newSecret(), null));
        assertEquals(Optional.empty(), who("Bearer " + AppToken.mint(secret, "myapp", 60, now - 61), null), "expired");
        assertEquals(Optional.empty(), who("Bearer " + AppToken.mint(secret, "ghost", 60, now), null), "never registered");
        ClusterSecret other = ClusterSecret.loadOrCreate(events.resolve("other"));
        assertEquals(Optional.empty(), who("Bearer " + AppToken.mint(other, "myapp", 60, now), null), "another cluster's");
        assertEquals(Optional.empty(), who("Bearer " + ClusterToken.mint(other, "cli", now), null));
    }

    @Test
    void addingAndRemovingAppsCountsFromTheNextRequest() throws Exception {
        String first = add("first");
        String token = AppToken.mint(secret, "first", 600, now);
        assertEquals(Optional.of("first"), who("Bearer " + token, null));
        String second = add("second");
        assertEquals(Optional.of("second"), who("Bearer " + second, null), "added without a reload");

        apps.remove("first");
        AppsFile.write(events, apps);
        assertEquals(Optional.empty(), who("Bearer " + first, null), "its secret");
        assertEquals(Optional.empty(), who("Bearer " + token, null), "and its tokens stop working");
        assertEquals(Optional.of("second"), who("Bearer " + second, null));

        Files.writeString(AppsFile.path(events), "{\"broken");
        assertEquals(Optional.of("second"), who("Bearer " + second, null), "a broken file keeps the apps in force");
        Files.delete(AppsFile.path(events));
        assertEquals(Optional.empty(), who("Bearer " + second, null), "no file, no apps");
    }
}
