package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.runtime.cluster.ClusterSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real daemons on 127.0.0.2, .3 and .4 with glusterd-format peers files: status and reload across them. */
class ClusterCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTS = ThreeNodes.HOSTS;

    @TempDir
    Path root;

    private ThreeNodes nodes;

    private Path workdir(int node) {
        return nodes.workdir(node);
    }

    private void cluster() throws Exception {
        nodes = new ThreeNodes(root);
    }

    private Map<?, ?> cli(int node, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DaemonProcess.DISTRIBUTION.resolve("bin/gluster-eventsapi").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--json", "--workdir", workdir(node).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedExit, process.exitValue(), out);
        return JSON.readValue(out, Map.class);
    }

    private static Map<String, Map<?, ?>> byNode(List<?> rows) {
        Map<String, Map<?, ?>> nodes = new java.util.TreeMap<>();
        for (Object row : rows) nodes.put((String) ((Map<?, ?>) row).get("node"), (Map<?, ?>) row);
        return nodes;
    }

    @Test
    void statusAndReloadReachEveryNodeAndANodeWhoseDaemonIsStoppedShowsDownWithHowToStartIt() throws Exception {
        cluster();
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (DaemonProcess one = new DaemonProcess(workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdir(1), HOSTS[1], udpPort, restPort);
             DaemonProcess three = new DaemonProcess(workdir(2), HOSTS[2], udpPort, restPort)) {
            one.start();
            two.start();

            Map<?, ?> partly = cli(0, 4, "status");
            Map<String, Map<?, ?>> nodes = byNode((List<?>) ((Map<?, ?>) partly.get("output")).get("data"));
            assertEquals("OK", nodes.get("localhost").get("glustereventsd_status"));
            assertEquals("OK", nodes.get(HOSTS[1]).get("glustereventsd_status"));
            assertEquals("DOWN", nodes.get(HOSTS[2]).get("node_status"));
            assertTrue(((String) nodes.get(HOSTS[2]).get("error")).contains("glustereventsd is not running on " + HOSTS[2]),
                    nodes.get(HOSTS[2]).toString());

            three.start();
            Map<?, ?> all = cli(0, 0, "status");
            byNode((List<?>) ((Map<?, ?>) all.get("output")).get("data"))
                    .forEach((node, row) -> assertEquals("OK", row.get("glustereventsd_status"), node));

            try (WebhookReceiver dashboard = new WebhookReceiver()) {
                Map<?, ?> tested = cli(0, 0, "webhook-test", dashboard.url(), "-t", "t0ken");
                assertEquals(3, ((List<?>) tested.get("output")).size());
                for (int node = 0; node < 3; node++) {
                    assertEquals("Bearer t0ken", dashboard.next(Duration.ofSeconds(5)).header("Authorization"), "every node posts");
                }
            }

            Map<?, ?> reloaded = cli(1, 0, "reload");
            assertEquals(3, ((List<?>) reloaded.get("output")).size());
            one.awaitLog("Config loaded (admin API)", Duration.ofSeconds(5));
            three.awaitLog("Config loaded (admin API)", Duration.ofSeconds(5));
            two.awaitLog("Config loaded (signal)", Duration.ofSeconds(5));
        }
    }

    @Test
    void aNodeWithAnotherClustersSecretRefusesTheCallsAndStatusSaysSo() throws Exception {
        cluster();
        Files.delete(workdir(1).resolve("events").resolve(ClusterSecret.FILE_NAME)); // node 2 makes its own
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (DaemonProcess one = new DaemonProcess(workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdir(1), HOSTS[1], udpPort, restPort)) {
            one.start();
            two.start();
            Map<?, ?> status = cli(0, 4, "status");
            Map<?, ?> peer = byNode((List<?>) ((Map<?, ?>) status.get("output")).get("data")).get(HOSTS[1]);
            assertTrue(((String) peer.get("error")).contains("refused our token"), peer.toString());
            assertTrue(two.log().contains("Config loaded (start)") && !two.log().contains("admin API"), "nothing changed there");
        }
    }

    @Test
    void webhookAddOnOneNodeReachesEveryNodeAndAChangeMadeWhileANodeWasDownReachesItWithoutSync() throws Exception {
        cluster();
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (DaemonProcess one = new DaemonProcess(workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdir(1), HOSTS[1], udpPort, restPort);
             DaemonProcess three = new DaemonProcess(workdir(2), HOSTS[2], udpPort, restPort)) {
            one.start();
            two.start();
            three.start();

            cli(0, 0, "webhook-add", "http://192.0.2.7:9000/listen", "-t", "t0ken");
            for (int node = 0; node < 3; node++) {
                assertEquals(Map.of("http://192.0.2.7:9000/listen", Map.of("token", "t0ken", "secret", "")),
                        JSON.readValue(workdir(node).resolve("events/webhooks.json").toFile(), Map.class), "node " + node);
            }

            three.close(); // node 3 goes down
            Map<?, ?> partly = cli(1, 9, "config-set", "log-level", "DEBUG");
            Map<String, Map<?, ?>> nodes = byNode((List<?>) partly.get("output"));
            assertEquals("OK", nodes.get("localhost").get("sync_status"));
            assertEquals("OK", nodes.get(HOSTS[0]).get("sync_status"));
            assertEquals("NOT OK", nodes.get(HOSTS[2]).get("sync_status"));

            three.start(); // back: it pulls the newest version by itself
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Path config = workdir(2).resolve("events/config.json");
            while (System.nanoTime() < deadline && !Files.readString(config).contains("DEBUG")) Thread.sleep(100);
            assertEquals("DEBUG", JSON.readValue(config.toFile(), Map.class).get("log-level"), "within 10 s, without sync");
            assertEquals(HOSTS[2], JSON.readValue(config.toFile(), Map.class).get("bind-address"), "its own address is kept");
            three.awaitLog("Config version", Duration.ofSeconds(5));

            Map<?, ?> synced = cli(2, 0, "sync");
            assertEquals(3, ((List<?>) synced.get("output")).size(), "sync --json: json.loads(stdout)[\"output\"]");
        }
    }

    @Test
    void stopAndStartEventingOnEveryNodeFromAnyNodeWhileTheDaemonsStayUp() throws Exception {
        cluster();
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess one = new DaemonProcess(workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdir(1), HOSTS[1], udpPort, restPort)) {
            one.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            two.start();

            // Node 3's daemon is not running: it is shown DOWN, and the exit code says "some nodes not OK".
            Map<String, Map<?, ?>> stopped = byNode((List<?>) cli(1, 4, "stop").get("output"));
            assertEquals("OK", stopped.get("localhost").get("stop_status"));
            assertEquals("OK", stopped.get(HOSTS[0]).get("stop_status"));
            assertEquals("DOWN", stopped.get(HOSTS[2]).get("node_status"));
            Map<?, ?> status = cli(0, 3, "status");
            Map<String, Map<?, ?>> rows = byNode((List<?>) ((Map<?, ?>) status.get("output")).get("data"));
            assertTrue(((String) rows.get("localhost").get("error")).contains("eventing is stopped"), rows.toString());
            assertTrue(((String) rows.get(HOSTS[1]).get("error")).contains("eventing is stopped"), rows.toString());
            one.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=while-stopped");
            assertTrue(receiver.drain(Duration.ofMillis(700)).isEmpty(), "a stopped node accepts nothing");

            cli(0, 4, "start");
            one.awaitHealthy(Duration.ofSeconds(10));
            one.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=after-start");
            assertTrue(receiver.next(Duration.ofSeconds(5)).body().contains("after-start"));
            assertEquals("OK", byNode((List<?>) cli(0, 4, "restart").get("output")).get(HOSTS[1]).get("restart_status"));
        }
    }

    @Test
    void theSeedsHowToTestWorksWithEventsdashAcrossThreeNodes() throws Exception {
        cluster();
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        int dashPort = DaemonProcess.freeTcpPort();
        Path dashOut = root.resolve("eventsdash.out");
        Process dash = new ProcessBuilder(DaemonProcess.DISTRIBUTION.resolve("bin/eventsdash").toString(), "--port", String.valueOf(dashPort))
                .redirectOutput(dashOut.toFile()).redirectError(root.resolve("eventsdash.err").toFile()).start();
        try (DaemonProcess one = new DaemonProcess(workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(workdir(1), HOSTS[1], udpPort, restPort);
             DaemonProcess three = new DaemonProcess(workdir(2), HOSTS[2], udpPort, restPort)) {
            one.start();
            two.start();
            three.start();
            String url = "http://127.0.0.1:" + dashPort + "/listen";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !Files.readString(dashOut).contains("TIMESTAMP")) Thread.sleep(100);

            // "gluster-eventsapi webhook-test http://<IP>:9000/listen ... If Webhook Test is OK from all nodes, then webhook-add"
            cli(0, 0, "webhook-test", url);
            cli(0, 0, "webhook-add", url);
            for (DaemonProcess node : List.of(one, two, three)) node.awaitWebhook(url, Duration.ofSeconds(10));
            one.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=from-node1");
            two.sendUdp(System.currentTimeMillis() / 1000 + " 3 name=from-node2");
            three.sendUdp(System.currentTimeMillis() / 1000 + " 4 name=from-node3");

            // "eventsdash.py will show the Gluster Events."
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String shown = "";
            while (System.nanoTime() < deadline && !(shown.contains("name=from-node1") && shown.contains("name=from-node2")
                    && shown.contains("name=from-node3"))) {
                Thread.sleep(100);
                shown = Files.readString(dashOut);
            }
            assertTrue(shown.contains("VOLUME_CREATE") && shown.contains("name=from-node1"), shown);
            assertTrue(shown.contains("VOLUME_START") && shown.contains("name=from-node2"), shown);
            assertTrue(shown.contains("VOLUME_STOP") && shown.contains("name=from-node3"), shown);
            assertEquals(4, shown.split("\n").length, "the header and one line per event, once each:\n" + shown);
        } finally {
            dash.destroy();
            dash.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
