package org.gluster.events.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, as one JSON object ({@link #json}) or as a table ({@link #table}).
 *
 * @param parameters     the options of the run, as JSON
 * @param sent           measured events sent
 * @param sendErrors     sends that failed (the event is then lost)
 * @param sendSeconds    from the first measured send to the last
 * @param warmupComplete whether every receiver got every warm-up event
 * @param webhooks       null without webhook receivers
 * @param webhookUrls    the receivers' URLs, in receiver order
 * @param websockets     null without WebSocket clients
 * @param clients        the WebSocket clients, in receiver order
 * @param daemon         null without {@code --pid} or {@code --start-daemon}
 * @param samples        one per {@code --sample-every}, and one at the end
 */
record Report(Map<String, Object> parameters, int sent, int sendErrors, double sendSeconds, boolean warmupComplete,
              Deliveries webhooks, List<String> webhookUrls, Deliveries websockets, List<WebSocketClients.Client> clients,
              Daemon daemon, List<Sample> samples) {

    /**
     * The daemon's figures; a field is null when it was not measured. {@code accepted}: the events its
     * {@code /v1/health} counted while the measured ones were sent (a daemon the tool started).
     */
    record Daemon(long pid, double cpuSeconds, double cpuPercent, double peakRssMib, DaemonWatch.Heap heap,
                  double peakHeapMib, double peakOldGenMib, DaemonWatch.Heap fullGcStart, DaemonWatch.Heap fullGcEnd,
                  Long accepted, Long readyMillis, Double idleRssMib, String keptWorkdir) {
    }

    /** One line of a soak: delivered is what the receiver that got the least has got. */
    record Sample(double elapsedSeconds, long sent, long delivered, DaemonWatch.Heap heap, double rssMib) {
        long pending() {
            return sent - delivered;
        }

        static String header() {
            return String.format("%9s %11s %11s %9s %10s %10s %8s",
                    "elapsed s", "sent", "delivered", "pending", "heap MiB", "old MiB", "RSS MiB");
        }

        String line() {
            return String.format("%9.1f %,11d %,11d %,9d %10s %10s %8s", elapsedSeconds, sent, delivered, pending(),
                    heap == null ? "-" : String.format("%.1f", heap.usedMib()),
                    heap == null ? "-" : String.format("%.1f", heap.oldGenMib()),
                    rssMib > 0 ? String.format("%.0f", rssMib) : "-");
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("elapsed_seconds", round(elapsedSeconds, 1));
            json.put("sent", sent);
            json.put("delivered", delivered);
            json.put("pending", pending());
            json.put("heap_used_mib", heap == null ? null : round(heap.usedMib(), 1));
            json.put("old_gen_used_mib", heap == null ? null : round(heap.oldGenMib(), 1));
            json.put("rss_mib", round(rssMib, 1));
            return json;
        }
    }

    /** Whether every receiver got every measured event exactly once (and every send went out). */
    boolean clean() {
        for (Deliveries kind : new Deliveries[] {webhooks, websockets}) {
            if (kind != null && (kind.lost() > 0 || kind.duplicated() > 0)) return false;
        }
        return sendErrors == 0;
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parameters", parameters);
        json.put("sent", sent);
        json.put("send_errors", sendErrors);
        json.put("send_seconds", round(sendSeconds, 3));
        json.put("send_rate", sendSeconds > 0 ? Math.round(sent / sendSeconds) : 0);
        json.put("warmup_complete", warmupComplete);
        if (webhooks != null) {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("receivers", webhookUrls.size());
            kind.putAll(kind(webhooks));
            List<Map<String, Object>> each = new ArrayList<>();
            for (int i = 0; i < webhookUrls.size(); i++) {
                Map<String, Object> receiver = new LinkedHashMap<>();
                receiver.put("url", webhookUrls.get(i));
                receiver.putAll(counts(webhooks.tallies().get(i)));
                each.add(receiver);
            }
            kind.put("per_receiver", each);
            json.put("webhooks", kind);
        }
        if (websockets != null) {
            WebSocketClients.Counts counts = WebSocketClients.Counts.of(clients);
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("clients", clients.size());
            kind.put("connected", counts.opened());
            kind.put("failed", counts.failed());
            kind.put("dropped", counts.dropped());
            kind.putAll(kind(websockets));
            List<Map<String, Object>> each = new ArrayList<>();
            for (WebSocketClients.Client client : clients) {
                Map<String, Object> one = new LinkedHashMap<>(counts(websockets.tallies().get(client.index)));
                one.put("state", client.state.name().toLowerCase(java.util.Locale.ROOT));
                if (client.state == WebSocketClients.State.DROPPED) {
                    one.put("close_code", client.closeCode);
                    one.put("close_reason", client.closeReason);
                }
                if (client.failure != null) one.put("failure", client.failure);
                each.add(one);
            }
            kind.put("per_client", each);
            json.put("websockets", kind);
        }
        if (daemon != null) json.put("daemon", daemonJson());
        if (!samples.isEmpty()) json.put("samples", samples.stream().map(Sample::json).toList());
        return json;
    }

    private Map<String, Object> daemonJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", daemon.pid());
        if (daemon.accepted() != null) json.put("accepted", daemon.accepted());
        json.put("cpu_seconds", round(daemon.cpuSeconds(), 2));
        json.put("cpu_percent", Math.round(daemon.cpuPercent()));
        json.put("peak_rss_mib", Math.round(daemon.peakRssMib()));
        if (daemon.heap() != null) {
            json.put("heap_used_mib", round(daemon.heap().usedMib(), 1));
            json.put("peak_heap_used_mib", round(daemon.peakHeapMib(), 1));
            json.put("old_gen_used_mib", round(daemon.heap().oldGenMib(), 1));
            json.put("peak_old_gen_used_mib", round(daemon.peakOldGenMib(), 1));
        }
        if (daemon.fullGcStart() != null) json.put("heap_after_full_gc_start_mib", round(daemon.fullGcStart().usedMib(), 1));
        if (daemon.fullGcEnd() != null) json.put("heap_after_full_gc_end_mib", round(daemon.fullGcEnd().usedMib(), 1));
        if (daemon.readyMillis() != null) json.put("ready_ms", daemon.readyMillis());
        if (daemon.idleRssMib() != null) json.put("idle_rss_mib", Math.round(daemon.idleRssMib()));
        if (daemon.keptWorkdir() != null) json.put("workdir", daemon.keptWorkdir());
        return json;
    }

    private static Map<String, Object> kind(Deliveries deliveries) {
        Map<String, Object> json = counts(deliveries.delivered(), deliveries.lost(), deliveries.duplicated(), deliveries.outOfOrder());
        json.put("delivery_rate", deliveries.rate());
        json.put("latency_ms", deliveries.latencyMillis());
        return json;
    }

    private static Map<String, Object> counts(Tally tally) {
        return counts(tally.delivered(), tally.lost(), tally.duplicated(), tally.outOfOrder());
    }

    private static Map<String, Object> counts(long delivered, long lost, long duplicated, long outOfOrder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("delivered", delivered);
        json.put("lost", lost);
        json.put("duplicated", duplicated);
        json.put("out_of_order", outOfOrder);
        return json;
    }

    /** The report for a reader. */
    @SuppressWarnings("unchecked")
    String table() {
        StringBuilder out = new StringBuilder();
        Object to = parameters.containsKey("socket") ? parameters.get("socket") : String.join(", ", (List<String>) parameters.get("nodes"));
        out.append(String.format("sent        %,d events over %s to %s in %.2f s (%,d/s)%s%n", sent, parameters.get("transport"), to,
                sendSeconds, sendSeconds > 0 ? Math.round(sent / sendSeconds) : 0,
                sendErrors > 0 ? String.format(", %,d sends failed", sendErrors) : ""));
        if (!warmupComplete) out.append("warm-up     not every receiver got every warm-up event\n");
        if (webhooks != null || websockets != null) {
            out.append(String.format("%n%-11s %9s %11s %9s %6s %8s %9s %9s %9s %9s %9s%n", "", "receivers", "delivered", "lost", "dup",
                    "order", "per s", "p50 ms", "p99 ms", "p99.9 ms", "max ms"));
            if (webhooks != null) out.append(row("webhooks", webhooks));
            if (websockets != null) out.append(row("websockets", websockets));
            out.append("(order: events received after a later event of the same node; per s: deliveries per second, first to last)\n");
        }
        if (websockets != null) {
            WebSocketClients.Counts counts = WebSocketClients.Counts.of(clients);
            out.append(String.format("%nwebsockets  %,d connected, %,d failed to connect, %,d closed by the server%n",
                    counts.opened(), counts.failed(), counts.dropped()));
            clients.stream().filter(c -> c.failure != null || c.state == WebSocketClients.State.DROPPED).limit(5)
                    .forEach(c -> out.append(String.format("            client %d: %s%n", c.index,
                            c.failure != null ? c.failure : "closed " + c.closeCode + " " + c.closeReason)));
        }
        if (daemon != null) {
            out.append(String.format("%ndaemon      pid %d: CPU %.0f %% of one core (%.1f s), peak RSS %.0f MiB%n", daemon.pid(),
                    daemon.cpuPercent(), daemon.cpuSeconds(), daemon.peakRssMib()));
            if (daemon.accepted() != null) {
                out.append(String.format("            accepted %,d of the %,d events sent%s%n", daemon.accepted(), sent,
                        daemon.accepted() < sent ? " (the others never reached its journal)" : ""));
            }
            if (daemon.heap() != null) {
                out.append(String.format("            heap used %.1f MiB (peak %.1f), old generation %.1f MiB (peak %.1f), at the end%n",
                        daemon.heap().usedMib(), daemon.peakHeapMib(), daemon.heap().oldGenMib(), daemon.peakOldGenMib()));
            }
            if (daemon.fullGcStart() != null && daemon.fullGcEnd() != null) {
                out.append(String.format("            heap after a full GC: %.1f MiB before the load, %.1f MiB after it%n",
                        daemon.fullGcStart().usedMib(), daemon.fullGcEnd().usedMib()));
            }
            if (daemon.readyMillis() != null) {
                out.append(String.format("            ready in %,d ms (start to first event accepted)%s%n", daemon.readyMillis(),
                        daemon.idleRssMib() == null ? "" : String.format(", idle RSS %.0f MiB", daemon.idleRssMib())));
            }
            if (daemon.keptWorkdir() != null) out.append("            workdir kept: ").append(daemon.keptWorkdir()).append('\n');
        }
        return out.toString();
    }

    private static String row(String name, Deliveries deliveries) {
        Map<String, Object> latency = deliveries.latencyMillis();
        return String.format("%-11s %9d %,11d %,9d %,6d %,8d %,9d %9s %9s %9s %9s%n", name, deliveries.tallies().size(),
                deliveries.delivered(), deliveries.lost(), deliveries.duplicated(), deliveries.outOfOrder(), deliveries.rate(),
                millis(latency.get("p50")), millis(latency.get("p99")), millis(latency.get("p99_9")), millis(latency.get("max")));
    }

    /** Three significant digits or more: 0.107, 10.2, 4396. */
    private static String millis(Object value) {
        double ms = (double) value;
        return ms < 10 ? String.format("%.3f", ms) : ms < 100 ? String.format("%.2f", ms) : ms < 1000 ? String.format("%.1f", ms)
                : String.format("%,.0f", ms);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
