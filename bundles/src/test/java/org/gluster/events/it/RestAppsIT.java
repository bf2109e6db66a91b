package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.runtime.cluster.App;
import org.gluster.events.runtime.cluster.AppToken;
import org.gluster.events.runtime.cluster.ClusterSecret;
import org.gluster.events.runtime.cluster.ClusterToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gluster-rest} against real daemons: an application registered with it reads
 * {@code GET /v1/peers} with its secret or its tokens, by header or {@code ?access_token=}, on every
 * node, until it is removed; nothing else gets in, and the secret is never stored nor logged.
 */
class RestAppsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile("gea_[A-Za-z0-9_-]{43}");
    private static final Pattern TOKEN = Pattern.compile("a1\\.[A-Za-z0-9_-]+\\.\\d+\\.[A-Za-z0-9_-]+");

    @TempDir
    Path root;

    record Run(int exit, String out, String err) {
        Object output() throws Exception {
            return JSON.readValue(out, Map.class).get("output");
        }
    }

    private static Run rest(Path workdir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DaemonProcess.DISTRIBUTION.resolve("bin/gluster-rest").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--workdir", workdir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(root(workdir).resolve("rest.err").toFile());
        builder.environment().remove("GLUSTERD_WORKDIR");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "gluster-rest did not finish");
        return new Run(process.exitValue(), out, Files.readString(root(workdir).resolve("rest.err")));
    }

    private static Path root(Path workdir) {
        return workdir.getParent();
    }

    private static int peers(DaemonProcess daemon, String host, String authorization, String accessToken) throws Exception {
        String query = accessToken == null ? "" : "?access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + daemon.restPort + "/v1/peers" + query))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) assertTrue(answer.body().contains("\"self\": true"), answer.body());
        if (answer.statusCode() == 401) assertTrue(answer.body().contains("gluster-rest app-add"), "the 401 says how: " + answer.body());
        return answer.statusCode();
    }

    private static String secretIn(Run added) {
        Matcher matcher = SECRET.matcher(added.out());
        assertTrue(matcher.find(), "app-add printed no secret: " + hidden(added.out()));
        String secret = matcher.group();
        assertFalse(matcher.find(), "the secret is printed once: " + hidden(added.out()));
        return secret;
    }

    /** {@code text} with its secrets and tokens masked, for failure messages: credentials never reach test output. */
    private static String hidden(String text) {
        return TOKEN.matcher(SECRET.matcher(text).replaceAll("gea_<hidden>")).replaceAll("a1.<hidden>");
    }

    @Test
    void anAppReadsPeersWithItsSecretOrTokenByHeaderOrQueryUntilItIsRemoved() throws Exception {
        Path workdir = root.resolve("node");
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            String host = "127.0.0.1";
            Path apps = workdir.resolve("events/apps.json");

            Run added = rest(workdir, "app-add", "monitor");
            assertEquals(0, added.exit(), hidden(added.out()) + added.err());
            assertEquals("", added.err());
            String secret = secretIn(added);
            assertTrue(added.out().contains("| localhost | UP          | OK"), hidden(added.out()));
            assertFalse(Files.readString(apps).contains(secret), "apps.json keeps a hash only");
            assertFalse(Files.readString(apps).contains(secret.substring(4)), "not even without the gea_ prefix");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(apps)));

            Run list = rest(workdir, "app-list");
            assertEquals(0, list.exit());
            assertTrue(list.out().contains("| monitor "), hidden(list.out()));
            assertFalse(list.out().contains(secret));
            Run listJson = rest(workdir, "app-list", "--json");
            assertEquals(0, listJson.exit());
            List<?> listed = (List<?>) listJson.output();
            assertEquals(1, listed.size(), hidden(listJson.out()));
            assertEquals("monitor", ((Map<?, ?>) listed.get(0)).get("name"));
            assertTrue(((String) ((Map<?, ?>) listed.get(0)).get("created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), hidden(listJson.out()));
            assertFalse(listJson.out().contains(secret));

            Run again = rest(workdir, "app-add", "monitor");
            assertEquals(10, again.exit());
            assertTrue(again.err().startsWith("Application monitor already exists"), again.err());
            Run badName = rest(workdir, "app-add", "my.app");
            assertEquals(1, badName.exit());
            assertTrue(badName.err().contains("letters, digits"), badName.err());

            Run minted = rest(workdir, "token", "monitor");
            assertEquals(0, minted.exit(), minted.err());
            assertTrue(minted.out().matches("a1\\.monitor\\.\\d+\\.[A-Za-z0-9_-]+\\n"), "the token, alone on its line: " + hidden(minted.out()));
            String token = minted.out().trim();
            Run mintedJson = rest(workdir, "--json", "token", "monitor", "--ttl", "60");
            Map<?, ?> tokenJson = (Map<?, ?>) mintedJson.output();
            assertEquals("monitor", tokenJson.get("app"));
            assertTrue(((Number) tokenJson.get("expires")).longValue() <= System.currentTimeMillis() / 1000 + 60);
            assertEquals(1, rest(workdir, "token", "monitor", "--ttl", "0").exit());
            assertEquals(1, rest(workdir, "token", "monitor", "--ttl", "86401").exit());
            assertEquals(11, rest(workdir, "token", "nobody").exit());

            assertEquals(200, peers(daemon, host, "Bearer " + secret, null), "the secret, in the header");
            assertEquals(200, peers(daemon, host, null, secret), "the secret, as access_token");
            assertEquals(200, peers(daemon, host, "Bearer " + token, null), "the token, in the header");
            assertEquals(200, peers(daemon, host, null, token), "the token, as access_token");
            assertEquals(200, peers(daemon, host, "Bearer " + tokenJson.get("token"), null));

            ClusterSecret cluster = ClusterSecret.load(workdir.resolve("events/cluster.secret"));
            long now = System.currentTimeMillis() / 1000;
            assertEquals(200, peers(daemon, host, "Bearer " + ClusterToken.mint(cluster, "cli", now), null), "the cluster's own tools");
            assertEquals(401, peers(daemon, host, null, null), "no credential");
            assertEquals(401, peers(daemon, host, "Bearer " + App.newSecret(), null), "a wrong secret");
            assertEquals(401, peers(daemon, host, null, secret + "x"), "a wrong secret as access_token");
            assertEquals(401, peers(daemon, host, "Bearer " + AppToken.mint(cluster, "monitor", 60, now - 120), null), "an expired token");
            assertEquals(401, peers(daemon, host, "Bearer " + AppToken.mint(cluster, "ghost", 60, now), null), "a token of no app");
            assertEquals(401, peers(daemon, host, "Bearer " + AppToken.mint(ClusterSecret.loadOrCreate(root.resolve("other")), "monitor", 60, now),
                    null), "a token signed with another cluster's secret");

            Run deleted = rest(workdir, "app-del", "monitor");
            assertEquals(0, deleted.exit(), deleted.out() + deleted.err());
            assertEquals(401, peers(daemon, host, "Bearer " + secret, null), "its secret stops working at once");
            assertEquals(401, peers(daemon, host, "Bearer " + token, null), "and so do its tokens");
            assertEquals(401, peers(daemon, host, null, token));
            assertEquals(11, rest(workdir, "app-del", "monitor").exit());
            assertEquals(List.of(), rest(workdir, "app-list", "--json").output());

            String said = daemon.output() + daemon.log();
            assertFalse(said.contains(secret), "the secret is never logged");
            assertFalse(said.contains(token), "nor a token");
            assertTrue(daemon.log().contains("Registered applications: [monitor]"), daemon.log());
        }
    }

    @Test
    void anAppAddedOnOneNodeIsKnownOnEveryNodeAndANodeThatWasDownTakesItWhenBack() throws Exception {
        String[] hosts = {"127.0.0.2", "127.0.0.3"};
        Path[] workdirs = {root.resolve("node0"), root.resolve("node1")};
        String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        ClusterSecret.loadOrCreate(workdirs[0].resolve("events"));
        for (int node = 0; node < 2; node++) {
            Files.createDirectories(workdirs[node].resolve("peers"));
            Files.writeString(workdirs[node].resolve("glusterd.info"), "UUID=" + ids[node] + "\n");
            int peer = 1 - node;
            Files.writeString(workdirs[node].resolve("peers").resolve(ids[peer]), "uuid=" + ids[peer] + "\nstate=3\nhostname1=" + hosts[peer] + "\n");
        }
        Files.createDirectories(workdirs[1].resolve("events"));
        Files.copy(workdirs[0].resolve("events/cluster.secret"), workdirs[1].resolve("events/cluster.secret"));
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (DaemonProcess one = new DaemonProcess(workdirs[0], hosts[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdirs[1], hosts[1], udpPort, restPort)) {
            one.start();

            Run added = rest(workdirs[0], "app-add", "grafana", "--json");
            assertEquals(12, added.exit(), "a node did not take it: " + hidden(added.out()));
            Map<?, ?> output = (Map<?, ?>) added.output();
            String secret = (String) output.get("secret");
            assertTrue(SECRET.matcher(secret).matches(), hidden(added.out()));
            List<?> nodes = (List<?>) output.get("nodes");
            assertEquals("DOWN", ((Map<?, ?>) nodes.get(1)).get("node_status"), hidden(added.out()));
            assertEquals(200, peers(one, hosts[0], "Bearer " + secret, null));

            two.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (peers(two, hosts[1], "Bearer " + secret, null) != 200) {
                assertTrue(System.nanoTime() < deadline, "node 2 never took the app from node 1");
                Thread.sleep(200);
            }
            String token = rest(workdirs[0], "token", "grafana").out().trim();
            assertEquals(200, peers(two, hosts[1], null, token), "a token minted on one node works on another");

            Run deleted = rest(workdirs[1], "app-del", "grafana");
            assertEquals(0, deleted.exit(), deleted.out() + deleted.err());
            assertEquals(401, peers(one, hosts[0], "Bearer " + secret, null), "removed on every node at once");
            assertEquals(401, peers(one, hosts[0], null, token));
            assertFalse(one.log().contains(secret) || two.log().contains(secret), "never logged");
        }
    }
}
