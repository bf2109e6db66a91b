package org.gluster.events.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.gluster.events.runtime.cluster.ClusterSecret;

/**
 * The workdirs of a three-node cluster on 127.0.0.2, .3 and .4, as glusterd leaves them: each node's
 * {@code glusterd.info} and {@code peers/} listing the two others, and one shared cluster secret.
 */
final class ThreeNodes {
    static final String[] HOSTS = {"127.0.0.2", "127.0.0.3", "127.0.0.4"};
    private final Path root;
    final String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};

    ThreeNodes(Path root) throws Exception {
        this.root = root;
        Path events0 = workdir(0).resolve("events");
        ClusterSecret.loadOrCreate(events0);
        for (int node = 0; node < 3; node++) {
            Path events = workdir(node).resolve("events");
            Files.createDirectories(events);
            Files.writeString(workdir(node).resolve("glusterd.info"), "UUID=" + ids[node] + "\noperating-version=100000\n");
            if (node > 0) Files.copy(events0.resolve(ClusterSecret.FILE_NAME), events.resolve(ClusterSecret.FILE_NAME));
            Files.createDirectories(workdir(node).resolve("peers"));
            for (int peer = 0; peer < 3; peer++) {
                if (peer == node) continue;
                Files.writeString(workdir(node).resolve("peers").resolve(ids[peer]),
                        "uuid=" + ids[peer] + "\nstate=3\nhostname1=" + HOSTS[peer] + "\n");
            }
        }
    }

    Path workdir(int node) {
        return root.resolve("node" + node);
    }

    /**
     * Starts a daemon on each node, all on the same ports, and waits until every node relays to the
     * two others. Each is added to {@code nodes} before it starts, so the caller stops whatever did.
     */
    void start(List<DaemonProcess> nodes, int udpPort, int restPort) throws Exception {
        for (int n = 0; n < 3; n++) nodes.add(new DaemonProcess(workdir(n), HOSTS[n], udpPort, restPort));
        for (DaemonProcess node : nodes) node.start();
        for (int n = 0; n < 3; n++) {
            for (int peer = 0; peer < 3; peer++) {
                if (peer != n) nodes.get(n).awaitSink("relay:" + HOSTS[peer], Duration.ofSeconds(20));
            }
        }
    }
}
