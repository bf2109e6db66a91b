package org.gluster.events.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.launcher.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {
        "Show the webhooks, whether glustereventsd runs and is ready on every node (this one and glusterd's peers), and each webhook's delivery.",
        "A node's daemon is NOT OK, with why, when it is not ready: eventing stopped, a source not receiving, the journal not writing, "
                + "a sink or plugin failed (as GET /v1/health/ready says).",
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
        List<String> webhooks;
        List<NodeReports.Report> reports;
        try {
            webhooks = List.copyOf(new WebhooksFile(layout.workdir()).read().keySet());
            reports = NodeReports.gather(layout, null);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        NodeTable nodes = new NodeTable("GLUSTEREVENTSD");
        for (NodeReports.Report report : reports) {
            DaemonHealth health = health(report);
            // This node is UP even when its daemon does not answer: the command runs on it.
            nodes.add(report.node(), report == reports.get(0) || report.up(), health.ok() ? "" : health.error());
        }
        DaemonHealth local = health(reports.get(0)); // this node's report comes first
        List<WebhookStatus> delivery = webhooks.stream().map(url -> WebhookStatus.of(url, local)).toList();

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

    private static DaemonHealth health(NodeReports.Report report) {
        return report.up() ? DaemonHealth.of(report.health()) : new DaemonHealth(false, report.error(), Map.of());
    }
}
