package org.gluster.events.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TailCommandTest {
    private static final String EVENT = "{\"event\": \"VOLUME_SET\", \"message\": {\"name\": \"gv1\"}, "
            + "\"nodeid\": \"620eeb4f-d3b0-49c2-bb33-cfca398e2b9e\", \"ts\": 1795495909}";

    @Test
    void anEventIsReadFromATextLine() throws IOException {
        Map<?, ?> event = TailCommand.event("2026-11-24 04:51:49.343 INFO  [events] EVENT 01a20be5-57d7-7000-8cd3-e8c26c9cd4b4 " + EVENT);

        assertEquals("VOLUME_SET", event.get("event"));
        assertEquals(Map.of("name", "gv1"), event.get("message"));
    }

    @Test
    void anEventIsReadFromAJsonLine() throws IOException {
        Map<?, ?> event = TailCommand.event("{\"ts\":\"2026-11-24T04:51:49.343Z\",\"level\":\"INFO\",\"logger\":\"events\","
                + "\"thread\":\"sink-events-log\",\"message\":\"EVENT 01a2\",\"event_id\":\"01a2\",\"event\":" + EVENT + "}");

        assertEquals("VOLUME_SET", event.get("event"));
        assertEquals(Map.of("name", "gv1"), event.get("message"));
    }

    @Test
    void otherLinesAreNoEvents() throws IOException {
        assertNull(TailCommand.event("2026-11-24 04:51:42.230 INFO  [launcher] glustereventsd ready in 0.85 s (pid 22950)"));
        assertNull(TailCommand.event("{\"ts\":\"2026-11-24T04:51:42.230Z\",\"level\":\"INFO\",\"logger\":\"launcher\","
                + "\"thread\":\"main\",\"message\":\"glustereventsd ready {in} 0.85 s\"}"));
    }
}
