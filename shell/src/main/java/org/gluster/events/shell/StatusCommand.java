package org.gluster.events.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.launcher.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {
        "Show the webhooks, whether glustereventsd runs on every node (this one and glusterd's peers), and each webhook's delivery.",
        "Per webhook: the events pending, the age of the oldest, the dead letters since the daemon started "
                + "(dead-letters lists those kept), and the last error with how long ago it was.",
        "Exit 3 if no node is OK."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        Layout layout = common.layout();
        DaemonHealth local = DaemonHealth.probe(layout);
        List<String> webhooks;
        try {
            webhooks = List.copyOf(new WebhooksFile(layout.workdir()).read().keySet());
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        List<WebhookStatus> delivery = webhooks.stream().map(url -> WebhookStatus.of(url, local)).toList();

        List<List<String>> nodeRows = new ArrayList<>();
        List<Map<String, Object>> nodeJson = new ArrayList<>();
        addNode(nodeRows, nodeJson, "localhost", true, local.ok() ? "" : local.error());
        ClusterNodes cluster = new ClusterNodes(layout);
        List<String> peers;
        try {
            peers = cluster.peerHosts();
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        for (String host : peers) {
            try {
                DaemonHealth peer = DaemonHealth.of(cluster.call(host, "GET", "/v1/admin/status"));
                addNode(nodeRows, nodeJson, host, true, peer.ok() ? "" : peer.error());
            } catch (IOException e) {
                addNode(nodeRows, nodeJson, host, false, ClusterNodes.notRunning(host, e));
            } catch (CommandFailure failure) {
                addNode(nodeRows, nodeJson, host, false, failure.getMessage());
            }
        }

        StringBuilder text = new StringBuilder("Webhooks: \n");
        webhooks.forEach(url -> text.append(url).append('\n'));
        text.append('\n').append(Output.table(List.of("NODE", "NODE STATUS", "GLUSTEREVENTSD STATUS"), nodeRows));
        if (!delivery.isEmpty()) {
            long now = System.currentTimeMillis() / 1000;
            text.append("\n\n").append(Output.table(WebhookStatus.header(), delivery.stream().map(w -> w.row(now)).toList()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhooks", webhooks);
        json.put("data", nodeJson);
        json.put("webhook_status", delivery.stream().map(WebhookStatus::toJson).toList());
        output.result(text.toString(), json);
        long ok = nodeJson.stream().filter(node -> "OK".equals(node.get("glustereventsd_status"))).count();
        return ok == nodeJson.size() ? ExitCode.OK : ok == 0 ? ExitCode.NO_NODE_OK : ExitCode.SOME_NODES_NOT_OK;
    }

    private static void addNode(List<List<String>> rows, List<Map<String, Object>> json, String node, boolean up, String error) {
        String status = error.isEmpty() ? "OK" : "NOT OK: " + error;
        rows.add(List.of(node, up ? "UP" : "DOWN", status));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", node);
        row.put("node_status", up ? "UP" : "DOWN");
        row.put("glustereventsd_status", error.isEmpty() ? "OK" : "NOT OK");
        row.put("error", error);
        json.add(row);
    }
}
