package org.gluster.events.sink.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;

class RelayBatchTest {
    @Test
    void eventsCrossAsTheyAreWithTheirOriginsIdAndNodeAndArriveMarkedRelayed() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", "gv1");
        message.put("options", List.of(List.of("changelog.changelog", "on")));
        Event first = Event.of("0192f3a4-1b2c-7d3e-8f40-123456789abc", "node-a", 1795473687, "VOLUME_SET", message, false);
        Event second = Event.of("0192f3a4-1b2c-7d3e-8f40-123456789abd", "node-a", 1795473688, "PEER_ATTACH", Map.of(), false);

        List<Event> received = RelayBatch.decode(RelayBatch.encode(List.of(first, second)));

        assertEquals(2, received.size());
        assertEquals(first.asRelayed(), received.get(0));
        assertEquals(second.asRelayed(), received.get(1));
        assertTrue(received.get(0).relayed());
        assertEquals(first.toJson(), received.get(0).toJson(), "consumers get the very same JSON on every node");
    }

    @Test
    void aBodyThatIsNoBatchOfEventsIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode("{\"event\": 1}")).getMessage()
                .contains("JSON array"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode("[{\"id\": \"x\", \"nodeid\": \"n\", \"ts\": 1}]"))
                .getMessage().contains("item 0 has no event"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RelayBatch.decode("[{\"id\": \"x\", \"nodeid\": \"n\", \"event\": \"E\", \"ts\": \"soon\"}]")).getMessage()
                .contains("numeric ts"));
    }
}
