package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.runtime.cluster.AppToken;
import org.gluster.events.runtime.cluster.ClusterSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real daemons on 127.0.0.2-4 with a registered application: a WebSocket client on any node
 * gets the whole cluster's events, each once, while webhooks get each event once from its own node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTS = ThreeNodes.HOSTS;

    private Path root;
    private ThreeNodes cluster;
    private final List<DaemonProcess> nodes = new ArrayList<>();
    private WebhookReceiver webhook;
    private int restPort;
    private String token;

    @BeforeAll
    void startCluster(@TempDir Path temporary) throws Exception {
        root = temporary;
        cluster = new ThreeNodes(root);
        int udpPort = DaemonProcess.freeUdpPort();
        restPort = DaemonProcess.freeTcpPort();
        cluster.start(nodes, udpPort, restPort);
        webhook = new WebhookReceiver();
        assertEquals(0, nodes.get(0).eventsapi("webhook-add", webhook.url()).exitCode());
        for (DaemonProcess node : nodes) node.awaitWebhook(webhook.url(), Duration.ofSeconds(15));
        DaemonProcess.CommandResult added = nodes.get(0).tool("gluster-rest", "app-add", "dashboard");
        assertEquals(0, added.exitCode(), added.stderr());
        DaemonProcess.CommandResult minted = nodes.get(0).tool("gluster-rest", "token", "dashboard");
        assertEquals(0, minted.exitCode(), minted.stderr());
        token = minted.stdout().trim();
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (DaemonProcess node : nodes) node.close();
        if (webhook != null) webhook.close();
    }

    private void emit(int node, String name) throws Exception {
        nodes.get(node).sendUdp(System.currentTimeMillis() / 1000 + " 2 name=" + name);
    }

    @Test
    void aClientOnNodeOneGetsTheEventsOfAllThreeNodesOnceAndWebhooksGetEachOnceFromItsOwnNode() throws Exception {
        webhook.drain(Duration.ofMillis(300));
        try (EventsClient client = EventsClient.connect(HOSTS[0], restPort, token)) {
            Thread.sleep(300); // the upgrade is answered before the client is attached
            for (int i = 0; i < 100; i++) {
                for (int n = 0; n < 3; n++) emit(n, "all-" + n + "-" + i);
            }
            List<EventsClient.Frame> frames = client.take(300, Duration.ofSeconds(30));
            frames.addAll(client.drain(Duration.ofSeconds(1)));
            Map<String, String> originByName = new HashMap<>();
            for (EventsClient.Frame frame : frames) {
                Map<?, ?> event = frame.json();
                assertEquals("VOLUME_CREATE", event.get("event"));
                assertTrue(frame.id() != null && !frame.id().isEmpty(), "every frame carries an id to resume from");
                originByName.put(frame.name(), (String) event.get("nodeid"));
            }
            assertEquals(300, frames.size(), "each event once, none twice");
            assertEquals(300, originByName.size());
            originByName.forEach((name, origin) -> assertEquals(cluster.ids[name.charAt(4) - '0'], origin, name));
        }
        List<WebhookReceiver.Received> posts = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (posts.size() < 300 && System.nanoTime() < deadline) posts.addAll(webhook.drain(Duration.ofMillis(500)));
        posts.addAll(webhook.drain(Duration.ofSeconds(1)));
        Set<String> names = new HashSet<>();
        for (WebhookReceiver.Received post : posts) {
            Map<?, ?> event = JSON.readValue(post.body(), Map.class);
            String name = (String) ((Map<?, ?>) event.get("message")).get("name");
            assertTrue(names.add(name), "the webhook got " + name + " twice");
            assertEquals(cluster.ids[name.charAt(4) - '0'], event.get("nodeid"), "posted by its own node: " + name);
        }
        assertEquals(300, posts.size());
    }

    @Test
    void theSeedsPythonSnippetWithTheTokenHeaderReceivesAnEventEmittedOnAnotherNode() throws Exception {
        Path snippet = root.resolve("listen.py");
        Files.writeString(snippet, String.join("\n",
                "import sys",
                "from websocket import create_connection",
                "ws = create_connection(\"ws://" + HOSTS[0] + ":" + restPort + "/v1/events\",",
                "                       header=[\"Authorization: Bearer \" + sys.argv[1]])",
                "ev = ws.recv()",
                "print(\"Received Event '{0}'\".format(ev))",
                "ws.close()", ""));
        // Debian's python3-websocket lives in the system interpreter's dist-packages.
        Process python = new ProcessBuilder("/usr/bin/python3", snippet.toString(), token).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int sent = 0;
        while (python.isAlive() && System.nanoTime() < deadline) {
            emit(1, "python-" + sent++); // until the snippet, once connected, receives one
            Thread.sleep(200);
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(python.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        assertTrue(out.startsWith("Received Event '{") && out.endsWith("}'"), out);
        Map<?, ?> event = JSON.readValue(out.substring("Received Event '".length(), out.length() - 1), Map.class);
        assertEquals("VOLUME_CREATE", event.get("event"));
        assertEquals(cluster.ids[1], event.get("nodeid"), "emitted on node 2, received on node 1");
        assertTrue(((String) ((Map<?, ?>) event.get("message")).get("name")).startsWith("python-"));
    }

    @Test
    void noTokenAWrongTokenAnExpiredTokenOrAnUnknownAppsTokenGet401AndNoUpgrade() throws Exception {
        ClusterSecret secret = ClusterSecret.loadOrCreate(cluster.workdir(0).resolve("events"));
        long now = System.currentTimeMillis() / 1000;
        String expired = AppToken.mint(secret, "dashboard", 60, now - 3600);
        String unknownApp = AppToken.mint(secret, "nobody", 600, now);
        assertEquals(401, EventsClient.refusal(HOSTS[0], restPort, "", Map.of()));
        assertEquals(401, EventsClient.refusal(HOSTS[1], restPort, "", Map.of("Authorization", "Bearer gea_wrong")));
        assertEquals(401, EventsClient.refusal(HOSTS[1], restPort, "", Map.of("Authorization", "Bearer " + expired)));
        assertEquals(401, EventsClient.refusal(HOSTS[2], restPort, "", Map.of("Authorization", "Bearer " + unknownApp)));
        assertEquals(401, EventsClient.refusal(HOSTS[2], restPort, "access_token=" + token.substring(1), Map.of()));
        assertEquals(400, EventsClient.refusal(HOSTS[0], restPort, "since=not-an-id", Map.of("Authorization", "Bearer " + token)));
        assertEquals(400, EventsClient.refusal(HOSTS[0], restPort, "events=Volume.(", Map.of("Authorization", "Bearer " + token)));
    }

    @Test
    void aBrowserStyleClientWithTheTokenInTheQueryAndAnEventsFilterGetsOnlyWhatItAskedFor() throws Exception {
        try (EventsClient client = EventsClient.connect(HOSTS[1], restPort, "access_token=" + token + "&events=Peer.*", Map.of())) {
            Thread.sleep(300);
            emit(0, "not-wanted");
            nodes.get(2).sendUdp(System.currentTimeMillis() / 1000 + " 0 host=peer-wanted"); // PEER_ATTACH
            EventsClient.Frame frame = client.next(Duration.ofSeconds(10));
            assertEquals("PEER_ATTACH", frame.json().get("event"));
            assertTrue(client.drain(Duration.ofMillis(700)).isEmpty(), "VOLUME_CREATE was filtered out");
        }
    }

    @Test
    void aClientThatReconnectsToAnotherNodeWithLastEventIdGetsTheRestOnce() throws Exception {
        List<String> received = new ArrayList<>();
        String lastId;
        try (EventsClient first = EventsClient.connect(HOSTS[2], restPort, token)) {
            Thread.sleep(300);
            for (int i = 0; i < 40; i++) emit(i % 3, "again-" + i);
            List<EventsClient.Frame> frames = first.take(25, Duration.ofSeconds(20));
            frames.forEach(frame -> received.add(frame.name()));
            lastId = frames.get(frames.size() - 1).id();
        }
        for (int i = 40; i < 60; i++) emit(i % 3, "again-" + i);
        try (EventsClient second = EventsClient.connect(HOSTS[1], restPort, "", Map.of("Authorization", "Bearer " + token, "Last-Event-ID", lastId))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.size() < 60 && System.nanoTime() < deadline) {
                second.drain(Duration.ofMillis(500)).forEach(frame -> received.add(frame.name()));
            }
            second.drain(Duration.ofMillis(700)).forEach(frame -> received.add(frame.name()));
        }
        Map<String, Integer> counts = new TreeMap<>();
        received.forEach(name -> counts.merge(name, 1, Integer::sum));
        assertEquals(60, counts.size(), "every event: " + counts.keySet());
        assertEquals(60, received.size(), "none twice: " + counts);
    }

    /** Figures, not a timed assertion: emit on node 3, receipt on node 1, over 1,000 events at 200/s. */
    @Test
    void relayLatencyFromNodeThreeToAClientOnNodeOneIsMeasured() throws Exception {
        try (EventsClient client = EventsClient.connect(HOSTS[0], restPort, token)) {
            Thread.sleep(300);
            long[] sentAt = new long[1000];
            for (int i = 0; i < sentAt.length; i++) {
                sentAt[i] = System.nanoTime();
                emit(2, "latency-" + i);
                Thread.sleep(5);
            }
            List<EventsClient.Frame> frames = client.take(1000, Duration.ofSeconds(30));
            long[] micros = new long[frames.size()];
            for (int i = 0; i < frames.size(); i++) {
                int index = Integer.parseInt(frames.get(i).name().substring("latency-".length()));
                micros[i] = (frames.get(i).atNanos() - sentAt[index]) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("WebSocket relay latency, emit on node 3 to receipt on node 1, 1000 events at 200/s: "
                    + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", micros[499] / 1000.0, micros[989] / 1000.0, micros[999] / 1000.0);
            assertEquals(1000, Arrays.stream(frames.stream().map(EventsClient.Frame::name).toArray()).distinct().count());
        }
    }
}
