package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.gluster.events.shell.NodeReports.list;
import static org.gluster.events.shell.NodeReports.text;

@Command(name = "filters", description = {
        "List the disabled events and the dedupe settings (shared by every node), and the filters running on each node.",
        "Exit 3 if no node answered, 4 if some did not."})
final class FiltersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            Map<String, Map<String, Object>> plugins = new PluginsFile(common.layout().workdir()).read();
            List<String> disabled = DisabledEvents.of(plugins);
            Map<String, Object> dedupe = plugins.getOrDefault(PluginsFile.DEDUPE_PID, Map.of());
            StringBuilder text = new StringBuilder();
            text.append("Disabled events: ").append(disabled.isEmpty() ? "none" : String.join(", ", disabled)).append("\n");
            text.append("Dedupe: ").append(DedupeCommand.describe(dedupe)).append("\n\n");
            List<List<String>> rows = new ArrayList<>();
            List<Map<String, Object>> nodes = new ArrayList<>();
            int up = 0;
            List<NodeReports.Report> reports = NodeReports.gather(common.layout(), null);
            for (NodeReports.Report report : reports) {
                List<String> running = new ArrayList<>();
                for (Map<?, ?> filter : list(report.health(), "filters")) {
                    running.add(text(filter.get("name")) + " " + text(filter.get("version"))
                            + " (" + text(filter.get("state")) + ", dropped " + text(filter.get("dropped")) + ")");
                }
                if (report.up()) up++;
                String shown = report.up() ? (running.isEmpty() ? "none running" : String.join("; ", running)) : report.error();
                rows.add(List.of(report.node(), report.up() ? "UP" : "DOWN", shown));
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("node", report.node());
                node.put("node_status", report.up() ? "UP" : "DOWN");
                node.put("filters", list(report.health(), "filters"));
                node.put("error", report.error());
                nodes.add(node);
            }
            text.append(Output.table(List.of("NODE", "NODE STATUS", "FILTERS"), rows));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("disabled", disabled);
            json.put("dedupe", dedupe);
            json.put("nodes", nodes);
            output.result(text.toString(), json);
            return up == reports.size() ? ExitCode.OK : up == 0 ? ExitCode.NO_NODE_OK : ExitCode.SOME_NODES_NOT_OK;
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }
}
