package org.gluster.events.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MetricsHandlerTest {
    /** A sample line of the text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile("[a-z_]+(\\{([a-z_]+=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?[0-9.eE+-]+");

    private static Map<String, Object> status() {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("name", "webhook:http://host:9000/listen?a=\"b\"");
        webhook.put("pending", 12L);
        webhook.put("oldest_pending_seconds", 3.5);
        webhook.put("evicted_unread", 0L);
        webhook.put("delivered", 40L);
        webhook.put("retries", 2L);
        webhook.put("dead_letters", 1L);
        webhook.put("last_error", "HTTP 503");
        Map<String, Object> log = Map.of("name", "events-log", "pending", 0L, "oldest_pending_seconds", 0, "evicted_unread", 0L);
        return Map.of("accepted", 52L, "rejected", Map.of("udp/unknown-type", 3L),
                "sources", List.of(Map.of("name", "udp", "running", true), Map.of("name", "unix-socket", "running", false)),
                "sinks", List.of(webhook, log), "journal", Map.of("bytes", 4096L, "refused", 0L));
    }

    @Test
    void everyLineIsAHelpATypeOrAWellFormedSample() {
        for (String line : MetricsHandler.exposition(status()).split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(), line);
        }
    }

    @Test
    void sinkFiguresAreLabelledByTheSinkWithQuotesEscaped() {
        String text = MetricsHandler.exposition(status());
        assertTrue(text.contains("glustereventsd_sink_pending_events{sink=\"webhook:http://host:9000/listen?a=\\\"b\\\"\"} 12\n"), text);
        assertTrue(text.contains("glustereventsd_sink_dead_letters_total{sink=\"webhook:http://host:9000/listen?a=\\\"b\\\"\"} 1\n"), text);
        assertFalse(text.contains("glustereventsd_sink_delivered_total{sink=\"events-log\"}"), "only sinks that count deliveries");
    }

    @Test
    void acceptedRejectedSourcesAndJournalAreExposed() {
        String text = MetricsHandler.exposition(status());
        assertTrue(text.contains("glustereventsd_events_accepted_total 52\n"));
        assertTrue(text.contains("glustereventsd_inputs_rejected_total{source=\"udp\",reason=\"unknown-type\"} 3\n"));
        assertTrue(text.contains("glustereventsd_source_up{source=\"unix-socket\"} 0\n"));
        assertTrue(text.contains("glustereventsd_journal_bytes 4096\n"));
        assertEquals(1, text.split("# TYPE glustereventsd_sink_pending_events gauge").length - 1);
    }
}
