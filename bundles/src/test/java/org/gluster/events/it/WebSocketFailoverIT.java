package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's failover, gapless: a client on node 1 sees event k; node 1 is killed while events go on
 * on nodes 2 and 3; the client reconnects to node 2 with its last id and receives every event after
 * k exactly once.
 */
class WebSocketFailoverIT {
    private static final String[] HOSTS = ThreeNodes.HOSTS;

    @TempDir
    Path root;

    @Test
    void aClientWhoseNodeIsKilledResumesOnAnotherNodeWithEveryLaterEventExactlyOnce() throws Exception {
        ThreeNodes cluster = new ThreeNodes(root);
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        try (DaemonProcess one = new DaemonProcess(cluster.workdir(0), HOSTS[0], udpPort, restPort);
             DaemonProcess two = new DaemonProcess(cluster.workdir(1), HOSTS[1], udpPort, restPort);
             DaemonProcess three = new DaemonProcess(cluster.workdir(2), HOSTS[2], udpPort, restPort)) {
            List<DaemonProcess> nodes = List.of(one, two, three);
            for (DaemonProcess node : nodes) node.start();
            for (int n = 0; n < 3; n++) {
                for (int peer = 0; peer < 3; peer++) {
                    if (peer != n) nodes.get(n).awaitSink("relay:" + HOSTS[peer], Duration.ofSeconds(20));
                }
            }
            assertEquals(0, one.tool("gluster-rest", "app-add", "monitor").exitCode());
            String token = two.tool("gluster-rest", "token", "monitor").stdout().trim();

            List<String> emitted = new ArrayList<>();
            List<String> received = new ArrayList<>();
            String lastId;
            try (EventsClient client = EventsClient.connect(HOSTS[0], restPort, token)) {
                Thread.sleep(300);
                for (int i = 0; i < 60; i++) {
                    String name = "before-" + i;
                    nodes.get(i % 3).sendUdp(System.currentTimeMillis() / 1000 + " 2 name=" + name);
                    emitted.add(name);
                }
                List<EventsClient.Frame> frames = client.take(60, Duration.ofSeconds(20));
                // Events keep coming on nodes 2 and 3 while node 1 dies under the client.
                Thread emitter = new Thread(() -> {
                    try {
                        for (int i = 0; i < 300; i++) {
                            nodes.get(1 + i % 2).sendUdp(System.currentTimeMillis() / 1000 + " 2 name=during-" + i);
                            Thread.sleep(10);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                for (int i = 0; i < 300; i++) emitted.add("during-" + i);
                emitter.start();
                frames.addAll(client.take(40, Duration.ofSeconds(20)));
                one.kill();
                frames.addAll(client.drain(Duration.ofMillis(500)));
                frames.forEach(frame -> received.add(frame.name()));
                lastId = frames.get(frames.size() - 1).id();
                emitter.join(TimeUnit.SECONDS.toMillis(30));
            }
            int beforeFailover = received.size();
            try (EventsClient resumed = EventsClient.connect(HOSTS[1], restPort, "since=" + lastId,
                    Map.of("Authorization", "Bearer " + token))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.size() < emitted.size() && System.nanoTime() < deadline) {
                    resumed.drain(Duration.ofMillis(300)).forEach(frame -> received.add(frame.name()));
                }
                resumed.drain(Duration.ofSeconds(1)).forEach(frame -> received.add(frame.name()));
            }
            Map<String, Integer> counts = new TreeMap<>();
            received.forEach(name -> counts.merge(name, 1, Integer::sum));
            TreeSet<String> missing = new TreeSet<>(emitted);
            missing.removeAll(counts.keySet());
            assertTrue(missing.isEmpty(), "missing after the failover: " + missing);
            counts.forEach((name, count) -> assertEquals(1, count, name + " received " + count + " times"));
            assertEquals(emitted.size(), received.size());
            assertTrue(beforeFailover >= 100 && beforeFailover < emitted.size(),
                    "the client saw " + beforeFailover + " events on node 1 and the rest on node 2");
        }
    }
}
