package org.gluster.events.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gluster.events.launcher.Layout;

/** Every node's health document (this node's, then each peer's), for the commands that show the cluster. */
final class NodeReports {
    /** @param health the node's health document, empty when it did not answer */
    record Report(String node, boolean up, String error, Map<?, ?> health) {
    }

    private NodeReports() {
    }

    /** @param onlyNode a peer's host name, {@code localhost} for this node, or null for all nodes */
    static List<Report> gather(Layout layout, String onlyNode) throws InterruptedException, CommandFailure {
        List<Report> reports = new ArrayList<>();
        if (onlyNode == null || onlyNode.equals("localhost")) {
            DaemonHealth local = DaemonHealth.probe(layout);
            reports.add(new Report("localhost", !local.health().isEmpty(), local.health().isEmpty() ? local.error() : "", local.health()));
        }
        if (onlyNode != null && onlyNode.equals("localhost")) return reports;
        ClusterNodes cluster = new ClusterNodes(layout);
        List<String> peers = cluster.peerHosts();
        if (onlyNode != null && !peers.contains(onlyNode)) {
            throw new CommandFailure(ExitCode.ERROR, onlyNode + " is not a peer of this node (peers: "
                    + (peers.isEmpty() ? "none" : String.join(", ", peers)) + "; this node is localhost)");
        }
        for (String host : peers) {
            if (onlyNode != null && !onlyNode.equals(host)) continue;
            try {
                reports.add(new Report(host, true, "", cluster.call(host, "GET", "/v1/admin/status")));
            } catch (IOException e) {
                reports.add(new Report(host, false, ClusterNodes.notRunning(host, e), Map.of()));
            } catch (CommandFailure failure) {
                reports.add(new Report(host, false, failure.getMessage(), Map.of()));
            }
        }
        return reports;
    }

    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    static List<Map<?, ?>> list(Map<?, ?> health, String key) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (health.get(key) instanceof List<?> list) list.forEach(row -> {
            if (row instanceof Map<?, ?> map) rows.add(map);
        });
        return rows;
    }
}
