package org.gluster.events.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = {
        "Show the bundles of each node: NAME (symbolic name), VERSION, STATE and what it PROVIDES "
                + "(its sources, filters and sinks).",
        "STATE is active (running), resolved (stopped, or not started yet), installed (cannot run: what it needs "
                + "is missing) or starting/stopping. '(stopped)' marks a bundle stopped with 'bundle stop': it stays "
                + "stopped until 'bundle start', across restarts.",
        "Under the table, an indented line for each bundle that does not run, and each component that failed or "
                + "waits for a service, and why.",
        "The base bundles of the runtime's system/ folder (Felix, Jetty, Jackson...) are left out unless --all.",
        "--json: {\"output\": [{\"node\": h, \"node_status\": \"UP\", \"bundles\": [{\"id\", \"name\", \"version\", "
                + "\"state\", \"location\", \"hot_deploy\", \"provides\": {\"sources\", \"filters\", \"sinks\"}, "
                + "\"components\": [{\"name\", \"state\", \"failure\"|\"missing\"}], \"error\"}], \"error\": \"\"}], \"error\": \"\"}.",
        "Exit 3 if no node answered, 4 if some did not."})
final class BundleListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BundleNodes nodes;

    @Option(names = {"-a", "--all"}, description = "Also the base bundles of the runtime (the framework and the system/ folder).")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        ClusterNodes cluster = new ClusterNodes(common.layout());
        NodeTable result = new NodeTable("BUNDLES");
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            for (String host : nodes.targets(cluster)) {
                String label = BundleNodes.label(host);
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("node", label);
                String error;
                List<Map<?, ?>> bundles = List.of();
                try {
                    ClusterNodes.Answer answer = cluster.send(host, "GET", "/v1/admin/bundles", null, null, Duration.ofSeconds(10));
                    error = answer.ok() ? "" : BundleNodes.error(host, answer);
                    if (answer.ok()) bundles = shown(answer.body().get("bundles"));
                    node.put("node_status", "UP");
                    result.add(label, true, error);
                } catch (IOException e) {
                    error = BundleNodes.down(host, e, common);
                    node.put("node_status", "DOWN");
                    result.add(label, false, error);
                }
                node.put("bundles", bundles);
                node.put("error", error);
                json.add(node);
                if (text.length() > 0) text.append("\n\n");
                text.append("Node ").append(label).append(':');
                if (!error.isEmpty()) text.append(' ').append(node.get("node_status").equals("UP") ? "NOT OK: " : "DOWN: ").append(error);
                else text.append('\n').append(table(bundles));
            }
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        output.result(text.toString(), json);
        return result.exitCode();
    }

    /** The rows to show: without the runtime's base bundles unless --all. */
    private List<Map<?, ?>> shown(Object rows) {
        List<Map<?, ?>> shown = new ArrayList<>();
        if (!(rows instanceof List<?> list)) return shown;
        for (Object row : list) {
            if (row instanceof Map<?, ?> bundle && (all || !Boolean.TRUE.equals(bundle.get("system")))) shown.add(bundle);
        }
        return shown;
    }

    /** NAME | VERSION | STATE | PROVIDES, then an indented line for each thing that does not run. */
    static String table(List<Map<?, ?>> bundles) {
        List<List<String>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map<?, ?> bundle : bundles) {
            String name = String.valueOf(bundle.get("name"));
            String state = String.valueOf(bundle.get("state")) + (Boolean.TRUE.equals(bundle.get("kept_stopped")) ? " (stopped)" : "");
            rows.add(List.of(name, String.valueOf(bundle.get("version")), state, provides(bundle.get("provides"))));
            if (bundle.get("error") instanceof String error && !error.isEmpty()) problems.add("  " + name + ": " + error);
            if (bundle.get("components") instanceof List<?> components) {
                for (Object c : components) {
                    if (!(c instanceof Map<?, ?> component)) continue;
                    if ("failed".equals(component.get("state"))) {
                        problems.add("  " + name + ": component " + component.get("name") + " failed: " + component.get("failure"));
                    } else if ("unsatisfied".equals(component.get("state")) && String.valueOf(component.get("missing")).startsWith("service")) {
                        // a component waiting for its configuration (a webhook sink with no webhook) is idle by design
                        problems.add("  " + name + ": component " + component.get("name") + " waits for " + component.get("missing"));
                    }
                }
            }
        }
        String table = Output.table(List.of("NAME", "VERSION", "STATE", "PROVIDES"), rows);
        return problems.isEmpty() ? table : table + "\n" + String.join("\n", problems);
    }

    /** {@code source udp, sink webhook:http://...}, from the {@code provides} of a row. */
    static String provides(Object provides) {
        if (!(provides instanceof Map<?, ?> map)) return "";
        List<String> all = new ArrayList<>();
        for (String[] kind : new String[][] {{"sources", "source"}, {"filters", "filter"}, {"sinks", "sink"}}) {
            if (map.get(kind[0]) instanceof List<?> names) for (Object name : names) all.add(kind[1] + " " + name);
        }
        return String.join(", ", all);
    }
}
