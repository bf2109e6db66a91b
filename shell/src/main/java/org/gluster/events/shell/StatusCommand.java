package org.gluster.events.shell;

import java.io.IOException;
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

        NodeTable nodes = new NodeTable("GLUSTEREVENTSD").add("localhost", true, local.ok() ? "" : local.error());
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
                nodes.add(host, true, peer.ok() ? "" : peer.error());
            } catch (IOException e) {
                nodes.add(host, false, ClusterNodes.notRunning(host, e));
            } catch (CommandFailure failure) {
                nodes.add(host, false, failure.getMessage());
            }
        }

        StringBuilder text = new StringBuilder("Webhooks: \n");
        webhooks.forEach(url -> text.append(url).append('\n'));
        text.append('\n').append(nodes.text());
        if (!delivery.isEmpty()) {
            long now = System.currentTimeMillis() / 1000;
            text.append("\n\n").append(Output.table(WebhookStatus.header(), delivery.stream().map(w -> w.row(now)).toList()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhooks", webhooks);
        json.put("data", nodes.json());
        json.put("webhook_status", delivery.stream().map(WebhookStatus::toJson).toList());
        output.result(text.toString(), json);
        return nodes.exitCode();
    }
}
