package org.gluster.events.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BundleListCommandTest {
    @Test
    void theTableShowsWhatEachBundleProvidesAndAnIndentedLineForWhatFailed() {
        Map<String, Object> webhook = Map.of("name", "org.gluster.events.sink.webhook", "version", "0.1.0", "state", "active",
                "provides", Map.of("sources", List.of(), "filters", List.of(), "sinks", List.of("webhook:http://h:9/listen")),
                "components", List.of(Map.of("name", "org.gluster.events.sink.webhook.WebhookSinks", "state", "active")));
        Map<String, Object> broken = Map.of("name", "com.example.alerts", "version", "1.0.0", "state", "active", "kept_stopped", false,
                "provides", Map.of(),
                "components", List.of(Map.of("name", "com.example.Alerts", "state", "failed", "failure", "java.lang.IllegalStateException: boom")));
        Map<String, Object> stopped = Map.of("name", "org.gluster.events.source.udp", "version", "0.1.0", "state", "resolved",
                "kept_stopped", true, "provides", Map.of(), "components", List.of());
        Map<String, Object> unresolved = Map.of("name", "com.example.needy", "version", "1.0.0", "state", "installed",
                "provides", Map.of(), "components", List.of(),
                "error", "cannot resolve: missing osgi.wiring.package (osgi.wiring.package=org.nowhere)");

        String text = BundleListCommand.table(List.of(webhook, broken, stopped, unresolved));
        assertTrue(text.contains("| NAME "), text);
        assertTrue(text.contains("| org.gluster.events.sink.webhook | 0.1.0   | active             | sink webhook:http://h:9/listen |"), text);
        assertTrue(text.contains("| resolved (stopped) |"), text);
        assertTrue(text.endsWith("\n  com.example.alerts: component com.example.Alerts failed: java.lang.IllegalStateException: boom\n"
                + "  com.example.needy: cannot resolve: missing osgi.wiring.package (osgi.wiring.package=org.nowhere)"), text);
    }

    @Test
    void providesNamesEachKind() {
        assertEquals("source udp, filter key-glob, sink webhook:x, sink websocket", BundleListCommand.provides(Map.of(
                "sources", List.of("udp"), "filters", List.of("key-glob"), "sinks", List.of("webhook:x", "websocket"))));
        assertEquals("", BundleListCommand.provides(null));
    }

    @Test
    void completionOffersTheLastPartOfANameWhenItIsUnique() {
        List<String> all = List.of("org.eclipse.jetty.server", "org.gluster.events.sink.webhook", "com.example.server");
        assertEquals(List.of("com.example.server", "webhook"),
                BundleNameCandidates.shortest(List.of("org.gluster.events.sink.webhook", "com.example.server"), all));
    }
}
