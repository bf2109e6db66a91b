package org.gluster.events.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventTest {
    private static Event withId(String id) {
        return Event.of(id, "node", 1, "VOLUME_CREATE", Map.of(), false);
    }

    @Test
    void receivedMillisIsTheTimeInAVersion7Id() {
        long millis = 1_795_473_687_123L;
        String id = new UUID((millis << 16) | 0x7000L | 5, 0x8000000000000001L).toString();

        assertEquals(millis, withId(id).receivedMillis());
    }

    @Test
    void receivedMillisIsZeroForOtherIds() {
        assertEquals(0, withId(UUID.randomUUID().toString()).receivedMillis()); // version 4
        assertEquals(0, withId("not-an-id").receivedMillis());
        assertEquals(0, withId("0190zzzz-0000-7000-8000-000000000000").receivedMillis());
        assertEquals(0, withId(null).receivedMillis());
    }
}
