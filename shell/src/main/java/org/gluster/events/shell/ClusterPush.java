package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Path;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.config.ClusterConfig;

/**
 * After a change on this node: gives this node's configuration a new version and pushes it to every
 * peer. A peer that is down gets it by itself when it is back (its daemon pulls newer versions).
 */
final class ClusterPush {
    private ClusterPush() {
    }

    /** The {@code NODE | NODE STATUS | SYNC STATUS} table of the push. */
    static NodeTable publish(Layout layout) throws IOException, InterruptedException, CommandFailure {
        Path events = layout.workdir().resolve("events");
        ClusterConfig mine = ClusterConfig.read(events);
        ClusterConfig next = mine.withVersion(mine.nextVersion());
        next.write(events);
        NodeTable table = new NodeTable("SYNC").add("localhost", true, "");
        ClusterNodes cluster = new ClusterNodes(layout);
        for (String host : cluster.peerHosts()) {
            try {
                cluster.call(host, "PUT", "/v1/admin/config", next.toMap());
                table.add(host, true, "");
            } catch (IOException e) {
                table.add(host, false, ClusterNodes.notRunning(host, e) + "; it takes the change when it is back");
            } catch (CommandFailure failure) {
                table.add(host, false, failure.getMessage());
            }
        }
        return table;
    }

    /** 0 when every node has it, else {@code failureCode} (8 for webhooks, 9 for config). */
    static int exitCode(NodeTable table, int failureCode) {
        return table.exitCode() == ExitCode.OK ? ExitCode.OK : failureCode;
    }
}
