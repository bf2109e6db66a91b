package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static org.gluster.events.shell.NodeReports.list;
import static org.gluster.events.shell.NodeReports.text;

@Command(name = "pipeline", description = {
        "Show the live pipeline of every node: its sources, its filters in the order events meet them, and its sinks",
        "with their delivery state and backlog, and the plugins that failed to start.",
        "A sink is open, stalled (events pending, none delivered for 60 s), failed (it could not open, or its thread",
        "ended) or closed (its bundle is gone; its position is kept).",
        "Exit 3 if no node answered, 4 if some did not."})
final class PipelineCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--node", paramLabel = "HOST", description = "Only this node: a peer's host name, or localhost.")
    String node;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        List<NodeReports.Report> reports;
        try {
            reports = NodeReports.gather(common.layout(), node);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> json = new ArrayList<>();
        int up = 0;
        for (NodeReports.Report report : reports) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("node", report.node());
            entry.put("node_status", report.up() ? "UP" : "DOWN");
            entry.put("error", report.error());
            if (report.up()) {
                up++;
                Map<?, ?> health = report.health();
                for (String key : List.of("nodeid", "eventing", "sources", "filters", "sinks", "failed_plugins", "delivery_holding_for")) {
                    if (health.containsKey(key)) entry.put(key, health.get(key));
                }
                describe(report.node(), health, text);
            } else {
                text.append(report.node()).append(": DOWN: ").append(report.error()).append("\n\n");
            }
            json.add(entry);
        }
        output.result(text.toString().stripTrailing(), json);
        return up == reports.size() ? ExitCode.OK : up == 0 ? ExitCode.NO_NODE_OK : ExitCode.SOME_NODES_NOT_OK;
    }

    private static void describe(String node, Map<?, ?> health, StringBuilder text) {
        text.append(node).append(" (node ").append(text(health.get("nodeid"))).append("), eventing ")
                .append(text(health.get("eventing"))).append("\n");
        if (health.get("delivery_holding_for") instanceof List<?> awaited && !awaited.isEmpty()) {
            text.append("  Delivery holds until these filters are back: ").append(awaited).append("\n");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<?, ?> source : list(health, "sources")) {
            rows.add(List.of("source", text(source.get("name")), Boolean.TRUE.equals(source.get("running")) ? "running" : "stopped",
                    text(source.get("error"))));
        }
        for (Map<?, ?> filter : list(health, "filters")) {
            String detail = "ranking " + text(filter.get("ranking")) + ", dropped " + text(filter.get("dropped"))
                    + ", rewritten " + text(filter.get("rewritten"))
                    + (filter.get("last_error") == null ? "" : ", " + filter.get("failures") + " failures, last: " + filter.get("last_error"));
            rows.add(List.of("filter", text(filter.get("name")) + " " + text(filter.get("version")), text(filter.get("state")), detail));
        }
        for (Map<?, ?> sink : list(health, "sinks")) {
            String detail = "pending " + text(sink.get("pending"))
                    + (sink.get("bundle") == null ? "" : ", " + sink.get("bundle") + " " + text(sink.get("version")))
                    + (sink.get("error") != null ? ", " + sink.get("error")
                    : sink.get("last_error") instanceof String last && !last.isEmpty() ? ", last error: " + last : "");
            rows.add(List.of("sink", text(sink.get("name")), text(sink.get("state")), detail));
        }
        for (Map<?, ?> failed : list(health, "failed_plugins")) {
            rows.add(List.of(text(failed.get("kind")), text(failed.get("component")) + " (" + text(failed.get("bundle")) + ")",
                    text(failed.get("state")), text(failed.get("error"))));
        }
        text.append(Output.table(List.of("STAGE", "NAME", "STATE", "DETAIL"), rows)).append("\n\n");
    }
}
