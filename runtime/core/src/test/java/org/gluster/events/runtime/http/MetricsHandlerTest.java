package org.gluster.events.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

class MetricsHandlerTest {
    private static Map<String, Object> status() {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("name", "webhook:http://host:9000/listen?a=\"b\"");
        webhook.put("state", "stalled");
        webhook.put("pending", 12L);
        webhook.put("oldest_pending_seconds", 3.5);
        webhook.put("evicted_unread", 0L);
        webhook.put("delivered", 40L);
        webhook.put("failures", 5L);
        webhook.put("retries", 2L);
        webhook.put("dead_letters", 1L);
        webhook.put("last_error", "HTTP 503");
        Map<String, Object> relay = Map.of("name", "relay:127.0.0.3", "state", "open", "pending", 4L,
                "oldest_pending_seconds", 0.25, "relayed", 9L);
        Map<String, Object> websocket = Map.of("name", "websocket", "state", "open", "pending", 0L, "clients", 3, "clients_closed_slow", 1L);
        Map<String, Object> log = Map.of("name", "events-log", "state", "open", "pending", 0L, "oldest_pending_seconds", 0, "evicted_unread", 0L);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("nodeid", "9a104795-281c-48e0-a77d-f5cee76cdcd9");
        status.put("eventing", "started");
        status.put("accepted", 52L);
        status.put("relayed_duplicates", 0L);
        status.put("rejected", Map.of("udp/unknown-type", 3L));
        status.put("sources", List.of(Map.of("name", "udp", "running", true), Map.of("name", "unix-socket", "running", false)));
        status.put("sinks", List.of(webhook, relay, websocket, log));
        status.put("filters", List.of(Map.of("name", "key-glob", "dropped", 7L, "rewritten", 0L, "failures", 0L)));
        status.put("journal", Map.of("bytes", 4096L, "refused", 0L, "segments", 1, "first_position", 10L, "next_position", 62L));
        return status;
    }

    private static String exposition() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PipelineMetrics(MetricsHandlerTest::status,
                () -> Map.of("udp", Map.of("VOLUME_CREATE", 50L, "BRICK_DISCONNECTED", 2L), "peer-listen", Map.of("VOLUME_CREATE", 9L))));
        return new String(MetricsHandler.exposition(registry), StandardCharsets.UTF_8);
    }

    @Test
    void eventsReceivedAreCountedPerSourceAndType() {
        String text = exposition();
        assertTrue(text.contains("# TYPE glustereventsd_events_received_total counter\n"), text);
        assertTrue(text.contains("glustereventsd_events_received_total{source=\"udp\",type=\"VOLUME_CREATE\"} 50.0\n"), text);
        assertTrue(text.contains("glustereventsd_events_received_total{source=\"peer-listen\",type=\"VOLUME_CREATE\"} 9.0\n"), text);
        assertTrue(text.contains("glustereventsd_events_accepted_total 52.0\n"), text);
    }

    @Test
    void sinkFiguresAreLabelledByTheSinkWithQuotesEscaped() {
        String text = exposition();
        String webhook = "{sink=\"webhook:http://host:9000/listen?a=\\\"b\\\"\"}";
        assertTrue(text.contains("glustereventsd_sink_pending_events" + webhook + " 12.0\n"), text);
        assertTrue(text.contains("glustereventsd_sink_failures_total" + webhook + " 5.0\n"), text);
        assertTrue(text.contains("glustereventsd_sink_dead_letters_total" + webhook + " 1.0\n"), text);
        assertTrue(text.contains("glustereventsd_sink_state{sink=\"webhook:http://host:9000/listen?a=\\\"b\\\"\",state=\"stalled\"} 1.0\n"), text);
        assertTrue(text.contains("glustereventsd_sink_state{sink=\"webhook:http://host:9000/listen?a=\\\"b\\\"\",state=\"open\"} 0.0\n"), text);
        assertFalse(text.contains("glustereventsd_sink_delivered_total{sink=\"events-log\"}"), "only sinks that count deliveries");
    }

    @Test
    void relaysShowTheirLagPerPeerAndWebSocketItsClients() {
        String text = exposition();
        assertTrue(text.contains("glustereventsd_relay_lag_seconds{peer=\"127.0.0.3\"} 0.25\n"), text);
        assertTrue(text.contains("glustereventsd_relay_pending_events{peer=\"127.0.0.3\"} 4.0\n"), text);
        assertTrue(text.contains("glustereventsd_sink_delivered_total{sink=\"relay:127.0.0.3\"} 9.0\n"), text);
        assertTrue(text.contains("glustereventsd_websocket_clients{sink=\"websocket\"} 3.0\n"), text);
    }

    @Test
    void rejectedFilteredSourcesAndJournalAreExposed() {
        String text = exposition();
        assertTrue(text.contains("glustereventsd_inputs_rejected_total{reason=\"unknown-type\",source=\"udp\"} 3.0\n"), text);
        assertTrue(text.contains("glustereventsd_filter_dropped_total{filter=\"key-glob\"} 7.0\n"), text);
        assertTrue(text.contains("glustereventsd_source_up{source=\"unix-socket\"} 0.0\n"), text);
        assertTrue(text.contains("glustereventsd_journal_bytes 4096.0\n"), text);
        assertTrue(text.contains("glustereventsd_journal_events 52.0\n"), text);
        assertEquals(1, text.split("# TYPE glustereventsd_sink_pending_events gauge").length - 1);
    }

    @Test
    void twoFiltersOfTheSameNameAreAddedUpRatherThanFailingTheScrape() {
        Map<String, Object> status = status();
        status.put("filters", List.of(Map.of("name", "tagger", "dropped", 2L, "rewritten", 0L, "failures", 0L),
                Map.of("name", "tagger", "dropped", 3L, "rewritten", 0L, "failures", 0L)));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PipelineMetrics(() -> status, Map::of));
        String text = new String(MetricsHandler.exposition(registry), StandardCharsets.UTF_8);
        assertTrue(text.contains("glustereventsd_filter_dropped_total{filter=\"tagger\"} 5.0\n"), text);
    }
}
