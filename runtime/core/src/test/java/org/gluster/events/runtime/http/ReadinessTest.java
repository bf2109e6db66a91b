package org.gluster.events.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static Map<String, Object> healthy() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("eventing", "started");
        status.put("sources", List.of(Map.of("name", "udp", "running", true)));
        status.put("journal", Map.of("error", ""));
        status.put("sinks", List.of(Map.of("name", "webhook:http://a/", "state", "stalled")));
        status.put("failed_plugins", List.of());
        return status;
    }

    @Test
    void aNodeWhoseWebhookIsDownIsStillReady() {
        assertEquals(List.of(), Readiness.notReady(healthy()));
    }

    @Test
    void everyPartThatIsNotReadyIsNamedWithItsReason() {
        Map<String, Object> status = healthy();
        status.put("sources", List.of(Map.of("name", "udp", "running", false, "error", "Address already in use")));
        status.put("journal", Map.of("error", "No space left on device"));
        status.put("sinks", List.of(Map.of("name", "websocket", "state", "failed", "error", "its delivery thread ended (see the log)")));
        status.put("failed_plugins", List.of(Map.of("component", "Alerts", "bundle", "org.example.alerts", "error", "boom")));
        assertEquals(List.of("source udp: Address already in use", "journal: No space left on device",
                "sink websocket: its delivery thread ended (see the log)", "plugin Alerts (org.example.alerts): boom"),
                Readiness.notReady(status));
    }

    @Test
    void stoppedEventingIsOneReasonNotOnePerSource() {
        Map<String, Object> status = healthy();
        status.put("eventing", "stopped");
        status.put("sources", List.of(Map.of("name", "udp", "running", false)));
        assertEquals(List.of("eventing: stopped by gluster-eventsapi stop (gluster-eventsapi start resumes it)"), Readiness.notReady(status));
    }
}
