package org.gluster.events.runtime.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gluster.events.runtime.pipeline.Pipeline;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The pipeline's figures as Prometheus metrics, read from {@link Pipeline#status()} at each scrape
 * (the same figures as {@code /v1/health}, so the two never disagree): events received per source
 * and type, rejected inputs, filters, every sink's cursor and delivery counts, relays, WebSocket
 * clients and the journal. Counter names are given without {@code _total}: the client adds it.
 */
final class PipelineMetrics implements MultiCollector {
    static final String PREFIX = "glustereventsd_";
    /** Sink states, each a series of {@code glustereventsd_sink_state} (1 for the current one). */
    private static final List<String> SINK_STATES = List.of("opening", "open", "stalled", "failed", "closed");
    private static final String RELAY_SINK_PREFIX = "relay:";

    private final Supplier<Map<String, Object>> status;
    private final Supplier<Map<String, Map<String, Long>>> receivedCounts;

    PipelineMetrics(Pipeline pipeline) {
        this(pipeline::status, pipeline::receivedCounts);
    }

    /**
     * @param status what {@link Pipeline#status()} gives
     * @param receivedCounts what {@link Pipeline#receivedCounts()} gives
     */
    PipelineMetrics(Supplier<Map<String, Object>> status, Supplier<Map<String, Map<String, Long>>> receivedCounts) {
        this.status = status;
        this.receivedCounts = receivedCounts;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Object> status = this.status.get();
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(InfoSnapshot.builder().name("glustereventsd").help("The node id of this daemon.")
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("nodeid", text(status.get("nodeid")))).build()).build());
        metrics.add(gauge("eventing", "1 while the sources receive, 0 after gluster-eventsapi stop.",
                List.of(point("started".equals(status.get("eventing")) ? 1 : 0))));
        metrics.add(counter("events_accepted", "Events the sources handed over and the journal accepted (peers' relays not included).",
                List.of(point(number(status.get("accepted"))))));
        metrics.add(received());
        metrics.add(counter("inputs_rejected", "Inputs that were not events, or that the journal refused, by source and reason.",
                rejected(status)));
        metrics.add(counter("relayed_duplicates", "Events peers relayed again (a retried batch), skipped.",
                List.of(point(number(status.get("relayed_duplicates"))))));
        metrics.add(gauge("source_up", "1 while the source receives, 0 while it cannot start or eventing is stopped.",
                each(status, "sources", s -> point(Boolean.TRUE.equals(s.get("running")) ? 1 : 0, "source", text(s.get("name"))))));
        metrics.addAll(filters(status));
        metrics.addAll(sinks(status));
        metrics.addAll(journal(status));
        return new MetricSnapshots(metrics);
    }

    private MetricSnapshot received() {
        List<Point> points = new ArrayList<>();
        receivedCounts.get().forEach((source, byType) ->
                byType.forEach((type, count) -> points.add(point(count, "source", source, "type", type))));
        return counter("events_received",
                "Events accepted into the journal, by source (udp, unix-socket, peer-listen for peers' relays) and event type.",
                points);
    }

    private static List<Point> rejected(Map<String, Object> status) {
        List<Point> points = new ArrayList<>();
        ((Map<?, ?>) status.get("rejected")).forEach((key, count) -> {
            String[] sourceAndReason = String.valueOf(key).split("/", 2);
            points.add(point(number(count), "source", sourceAndReason[0], "reason", sourceAndReason[1]));
        });
        return points;
    }

    private static List<MetricSnapshot> filters(Map<String, Object> status) {
        return List.of(
                counter("filter_dropped", "Events a filter dropped.", each(status, "filters", f -> filterPoint(f, "dropped"))),
                counter("filter_rewritten", "Events a filter rewrote.", each(status, "filters", f -> filterPoint(f, "rewritten"))),
                counter("filter_failures", "Events a filter threw on or timed out on (they were passed on unfiltered).",
                        each(status, "filters", f -> filterPoint(f, "failures"))));
    }

    private static Point filterPoint(Map<?, ?> filter, String key) {
        return point(number(filter.get(key)), "filter", text(filter.get("name")));
    }

    private static List<MetricSnapshot> sinks(Map<String, Object> status) {
        List<Map<?, ?>> sinks = list(status, "sinks");
        List<Point> states = new ArrayList<>();
        for (Map<?, ?> sink : sinks) {
            for (String state : SINK_STATES) {
                states.add(point(state.equals(sink.get("state")) ? 1 : 0, "sink", text(sink.get("name")), "state", state));
            }
        }
        List<Map<?, ?>> relays = sinks.stream().filter(s -> text(s.get("name")).startsWith(RELAY_SINK_PREFIX)).toList();
        return List.of(
                gauge("sink_state", "1 for the sink's current state: opening, open, stalled (pending events and none acknowledged for 60 s), failed or closed.", states),
                gauge("sink_pending_events", "Accepted events the sink has not acknowledged.", sinkPoints(sinks, "pending")),
                gauge("sink_oldest_pending_seconds", "Age of the oldest event the sink has not acknowledged; 0 when none is pending.",
                        sinkPoints(sinks, "oldest_pending_seconds")),
                counter("sink_evicted_unread", "Events the journal evicted before the sink read them.", sinkPoints(sinks, "evicted_unread")),
                counter("sink_filtered_out", "Events the sink's filter chain dropped before delivery.", sinkPoints(sinks, "filtered_out")),
                counter("sink_delivered", "Events the sink delivered (webhooks: answered 2xx; relays: taken by the peer).",
                        sinkPoints(sinks, "delivered", "relayed")),
                counter("sink_failures", "Delivery attempts that failed (network error, timeout, HTTP error).", sinkPoints(sinks, "failures")),
                counter("sink_retries", "Failed delivery attempts that were tried again.", sinkPoints(sinks, "retries")),
                counter("sink_dead_letters", "Events given up after webhook-max-age-hours and written to the dead-letter file.",
                        sinkPoints(sinks, "dead_letters")),
                gauge("relay_lag_seconds", "Per peer: age of the oldest local event not yet relayed to it; 0 when it has all of them.",
                        relayPoints(relays, "oldest_pending_seconds")),
                gauge("relay_pending_events", "Per peer: local events not yet relayed to it.", relayPoints(relays, "pending")),
                gauge("websocket_clients", "WebSocket clients connected to /v1/events on this node.",
                        sinkPoints(sinks.stream().filter(s -> s.get("clients") != null).toList(), "clients")),
                counter("websocket_clients_closed_slow", "WebSocket clients cut off for falling too far behind.",
                        sinkPoints(sinks.stream().filter(s -> s.get("clients_closed_slow") != null).toList(), "clients_closed_slow")));
    }

    /** One point per sink that reports the first of {@code keys} it has (sinks report different figures). */
    private static List<Point> sinkPoints(List<Map<?, ?>> sinks, String... keys) {
        List<Point> points = new ArrayList<>();
        for (Map<?, ?> sink : sinks) {
            for (String key : keys) {
                if (sink.get(key) instanceof Number value) {
                    points.add(point(value.doubleValue(), "sink", text(sink.get("name"))));
                    break;
                }
            }
        }
        return points;
    }

    private static List<Point> relayPoints(List<Map<?, ?>> relays, String key) {
        List<Point> points = new ArrayList<>();
        for (Map<?, ?> relay : relays) {
            points.add(point(number(relay.get(key)), "peer", text(relay.get("name")).substring(RELAY_SINK_PREFIX.length())));
        }
        return points;
    }

    private static List<MetricSnapshot> journal(Map<String, Object> status) {
        Map<?, ?> journal = (Map<?, ?>) status.get("journal");
        List<MetricSnapshot> metrics = new ArrayList<>();
        if (journal.get("bytes") instanceof Number bytes) {
            metrics.add(gauge("journal_bytes", "Size of the journal's segment files.", List.of(point(bytes.doubleValue()))));
            metrics.add(gauge("journal_segments", "Segment files of the journal.", List.of(point(number(journal.get("segments"))))));
            metrics.add(counter("journal_refused", "Events the journal could not write (disk full).", List.of(point(number(journal.get("refused"))))));
        }
        if (journal.get("next_position") instanceof Number next && journal.get("first_position") instanceof Number first) {
            metrics.add(gauge("journal_events", "Events the journal holds.", List.of(point(Math.max(0, next.doubleValue() - first.doubleValue())))));
        }
        return metrics;
    }

    // --- building snapshots

    private record Point(double value, Labels labels) {
    }

    private static Point point(double value, String... labelNamesAndValues) {
        return new Point(value, Labels.of(labelNamesAndValues));
    }

    private static CounterSnapshot counter(String name, String help, List<Point> points) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(PREFIX + name).help(help);
        summedByLabels(points).forEach((labels, value) -> counter.dataPoint(CounterDataPointSnapshot.builder().value(value).labels(labels).build()));
        return counter.build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<Point> points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(PREFIX + name).help(help);
        summedByLabels(points).forEach((labels, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(labels).build()));
        return gauge.build();
    }

    /**
     * Points with the same labels added up: two plugins may name a filter or a source alike, and the
     * client refuses a metric with two series of the same labels (the whole scrape would fail).
     */
    private static Map<Labels, Double> summedByLabels(List<Point> points) {
        Map<Labels, Double> summed = new LinkedHashMap<>();
        points.forEach(p -> summed.merge(p.labels, p.value, Double::sum));
        return summed;
    }

    private static List<Point> each(Map<String, Object> status, String listKey, Function<Map<?, ?>, Point> point) {
        return list(status, listKey).stream().map(point).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> list(Map<String, Object> status, String key) {
        Object value = status.get(key);
        return value instanceof List<?> list ? (List<Map<?, ?>>) list : List.of();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }
}
