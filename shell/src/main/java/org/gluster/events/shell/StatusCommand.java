package org.gluster.events.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.launcher.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {
        "Show the webhooks, whether glustereventsd runs, and each webhook's delivery.",
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
        String daemonStatus = local.ok() ? "OK" : "NOT OK: " + local.error();

        StringBuilder text = new StringBuilder("Webhooks: \n");
        webhooks.forEach(url -> text.append(url).append('\n'));
        text.append('\n').append(Output.table(List.of("NODE", "NODE STATUS", "GLUSTEREVENTSD STATUS"),
                List.of(List.of("localhost", "UP", daemonStatus))));
        if (!delivery.isEmpty()) {
            long now = System.currentTimeMillis() / 1000;
            text.append("\n\n").append(Output.table(WebhookStatus.header(), delivery.stream().map(w -> w.row(now)).toList()));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", "localhost");
        row.put("node_status", "UP");
        row.put("glustereventsd_status", daemonStatus);
        row.put("error", local.error());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhooks", webhooks);
        json.put("data", List.of(row));
        json.put("webhook_status", delivery.stream().map(WebhookStatus::toJson).toList());
        output.result(text.toString(), json);
        return local.ok() ? ExitCode.OK : ExitCode.NO_NODE_OK;
    }
}
