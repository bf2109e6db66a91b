package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.runtime.cluster.App;
import org.gluster.events.runtime.cluster.AppToken;
import org.gluster.events.runtime.cluster.AppsFile;
import org.gluster.events.runtime.cluster.ClusterSecret;
import org.gluster.events.runtime.cluster.ClusterToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/peers} of a real daemon: glusterd's peers, behind an application's credential or the cluster token. */
class PeersApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workdir;

    private static HttpResponse<String> get(DaemonProcess daemon, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.restPort + "/v1/peers"))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) request.header("Authorization", authorization);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void peersNeedAValidAppOrClusterTokenAndListThisNodeAndGlusterdsPeers() throws Exception {
        Files.createDirectories(workdir.resolve("peers"));
        Files.writeString(workdir.resolve("peers/5a1d0000-0000-4000-8000-000000000003"),
                "uuid=5a1d0000-0000-4000-8000-000000000003\nstate=3\nhostname1=127.0.0.3\n");
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            ClusterSecret secret = ClusterSecret.load(workdir.resolve("events/cluster.secret"));
            long now = System.currentTimeMillis() / 1000;

            assertEquals(401, get(daemon, null).statusCode());
            assertEquals(401, get(daemon, "Bearer garbage").statusCode());
            assertEquals(401, get(daemon, "Bearer " + ClusterToken.mint(secret, "cli", now - 120)).statusCode(), "expired");
            Path otherCluster = workdir.resolve("other");
            assertEquals(401, get(daemon, "Bearer " + ClusterToken.mint(ClusterSecret.loadOrCreate(otherCluster), "cli", now))
                    .statusCode(), "another cluster's secret");

            HttpResponse<String> ok = get(daemon, "Bearer " + ClusterToken.mint(secret, "cli", now));
            assertEquals(200, ok.statusCode(), ok.body());
            List<?> nodes = (List<?>) JSON.readValue(ok.body(), Map.class).get("nodes");
            assertEquals(2, nodes.size(), ok.body());
            assertEquals(Map.of("nodeid", Files.readString(workdir.resolve("events/node-id")).trim(), "host", "localhost", "self", true),
                    nodes.get(0));
            assertEquals(Map.of("nodeid", "5a1d0000-0000-4000-8000-000000000003", "host", "127.0.0.3", "state", 3, "self", false),
                    nodes.get(1));
            assertTrue(!daemon.log().contains(Files.readString(workdir.resolve("events/cluster.secret")).trim()),
                    "the secret is never logged");

            AppsFile.write(workdir.resolve("events"), Map.of("dashboard", App.register("dashboard", App.newSecret(), java.time.Instant.now())));
            String appToken = AppToken.mint(secret, "dashboard", 60, now);
            HttpResponse<String> app = get(daemon, "Bearer " + appToken);
            assertEquals(200, app.statusCode(), "an app token: " + app.body());
            assertEquals(nodes, JSON.readValue(app.body(), Map.class).get("nodes"));
            assertEquals(401, get(daemon, "Bearer " + AppToken.mint(secret, "dashboard", 60, now - 120)).statusCode(), "an expired app token");
            assertEquals(401, get(daemon, "Bearer " + AppToken.mint(secret, "other", 60, now)).statusCode(), "an app token of no app");
            assertEquals(401, get(daemon, "Bearer " + appToken.substring(0, appToken.length() - 2) + "xx").statusCode(), "a wrong signature");
        }
    }

    @Test
    void adminCallsWithoutOrWithAWrongTokenGet401AndChangeNothing() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            String config = Files.readString(workdir.resolve("events/config.json"));
            String forged = "Bearer " + ClusterToken.mint(ClusterSecret.loadOrCreate(workdir.resolve("other")), "cli",
                    System.currentTimeMillis() / 1000);
            for (String authorization : new String[] {null, "Bearer nonsense", forged}) {
                for (String[] call : new String[][] {{"POST", "/v1/admin/reload"}, {"POST", "/v1/admin/eventing/stop"},
                        {"PUT", "/v1/admin/config"}, {"GET", "/v1/admin/status"}}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.restPort + call[1]))
                            .timeout(Duration.ofSeconds(5))
                            .method(call[0], HttpRequest.BodyPublishers.ofString(
                                    "{\"version\": 99999999999999, \"config\": {\"log-level\": \"DEBUG\"}, \"webhooks\": {}}"));
                    if (authorization != null) request.header("Authorization", authorization);
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(401, answer.statusCode(), call[0] + " " + call[1] + " with " + authorization);
                }
            }
            assertEquals(config, Files.readString(workdir.resolve("events/config.json")), "config unchanged");
            assertEquals("started", daemon.health().get("eventing"), "eventing still on");
            assertTrue(!daemon.log().contains("admin API"), "no reload happened");
        }
    }
}
