package org.gluster.events.runtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the node does its job, read from the pipeline's status: its sources receive, its journal
 * writes, every sink delivers and every plugin started. A webhook that is down does not make the
 * node unready (its events wait in the journal); a sink whose delivery failed does.
 */
final class Readiness {
    private Readiness() {
    }

    /** What is not ready, one line each, naming the part; empty when the node is ready. */
    static List<String> notReady(Map<String, Object> status) {
        List<String> parts = new ArrayList<>();
        if (!"started".equals(status.get("eventing"))) {
            parts.add("eventing: stopped by gluster-eventsapi stop (gluster-eventsapi start resumes it)");
        } else {
            for (Map<?, ?> source : list(status, "sources")) {
                if (!Boolean.TRUE.equals(source.get("running"))) {
                    parts.add("source " + source.get("name") + ": " + (source.get("error") != null ? source.get("error") : "not receiving"));
                }
            }
        }
        Object journalError = ((Map<?, ?>) status.get("journal")).get("error");
        if (journalError != null && !String.valueOf(journalError).isEmpty()) parts.add("journal: " + journalError);
        for (Map<?, ?> sink : list(status, "sinks")) {
            if ("failed".equals(sink.get("state"))) {
                parts.add("sink " + sink.get("name") + ": " + (sink.get("error") != null ? sink.get("error") : "failed"));
            }
        }
        for (Map<?, ?> plugin : list(status, "failed_plugins")) {
            parts.add(plugin.get("component") != null ? "plugin " + plugin.get("component") + " (" + plugin.get("bundle") + "): " + plugin.get("error")
                    : "plugins: " + plugin.get("error"));
        }
        List<?> holding = (List<?>) status.get("delivery_holding_for");
        if (holding != null && !holding.isEmpty()) parts.add("filters: delivery waits for " + String.join(", ", holding.stream().map(String::valueOf).toList()));
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> list(Map<String, Object> status, String key) {
        Object value = status.get(key);
        return value instanceof List<?> list ? (List<Map<?, ?>>) list : List.of();
    }
}
