package org.gluster.events.sink.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterStreamStatusTest {
    private final ClusterStream stream = new ClusterStream();

    @AfterEach
    void stop() {
        stream.deactivate();
    }

    @Test
    void eventsKeptForARestartAreNotPendingWhenNoClientWaitsForThem() {
        stream.activate(new SmallStreamConfig());
        stream.history().append(Event.of(UUID.randomUUID().toString(), "n", 1, "PEER_ATTACH", Map.of(), false));

        Map<String, Object> status = stream.status();

        assertEquals(0L, status.get("pending"));
        assertEquals(0.0, status.get("oldest_pending_seconds"));
        assertEquals(1L, ((Number) status.get("history_events")).longValue(), "the event is held for clients to come");
    }
}
