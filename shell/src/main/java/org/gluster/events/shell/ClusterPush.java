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

    /** Publishes, prints the table, and gives 0 when every node has it, else {@code failureCode} (8 webhooks, 9 config). */
    static int publishAndReport(Layout layout, Output output, int failureCode) throws IOException, InterruptedException, CommandFailure {
        NodeTable pushed = publish(layout);
        pushed.print(output);
        return pushed.exitCode() == ExitCode.OK ? ExitCode.OK : failureCode;
    }
}
