package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-node result table of the cluster-wide commands (PROTOCOL §4):
 * {@code NODE | NODE STATUS | <X> STATUS}, or with {@code --json}
 * {@code [{"node": h, "node_status": "UP", "<x>_status": "OK", "error": ""}]}, and the exit code
 * that goes with it: 0 when every node is OK, 3 when none is, 4 when some are not.
 */
final class NodeTable {
    private final String what;
    private final List<String[]> rows = new ArrayList<>();

    /** @param what the last column, as in {@code SYNC} for {@code SYNC STATUS} and {@code sync_status} */
    NodeTable(String what) {
        this.what = what;
    }

    /** @param error "" when the node did it */
    NodeTable add(String node, boolean nodeUp, String error) {
        rows.add(new String[] {node, nodeUp ? "UP" : "DOWN", error});
        return this;
    }

    void print(Output output) {
        output.result(text(), json());
    }

    /** The table as people read it. */
    String text() {
        List<List<String>> text = new ArrayList<>();
        for (String[] row : rows) text.add(List.of(row[0], row[1], row[2].isEmpty() ? "OK" : "NOT OK: " + row[2]));
        return Output.table(List.of("NODE", "NODE STATUS", what + " STATUS"), text);
    }

    /** The rows as scripts read them. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> json = new ArrayList<>();
        for (String[] row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("node", row[0]);
            entry.put("node_status", row[1]);
            entry.put(what.toLowerCase() + "_status", row[2].isEmpty() ? "OK" : "NOT OK");
            entry.put("error", row[2]);
            json.add(entry);
        }
        return json;
    }

    int exitCode() {
        long ok = rows.stream().filter(row -> row[2].isEmpty()).count();
        if (ok == rows.size()) return ExitCode.OK;
        return ok == 0 ? ExitCode.NO_NODE_OK : ExitCode.SOME_NODES_NOT_OK;
    }
}
