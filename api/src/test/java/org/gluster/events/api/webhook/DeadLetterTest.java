package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Event event() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", "gv1");
        message.put("options", List.of(List.of("changelog.changelog", "on")));
        message.put("force", true);
        message.put("ratio", 0.5);
        message.put("big", 12345678901234L);
        message.put("note", "caf\u00e9 \"quoted\"\nnext line");
        return Event.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "2a3b4c5d-0000-4000-8000-000000000001", 1_795_462_277L,
                "VOLUME_SET", message, false);
    }

    @Test
    void lineHasTheDocumentedKeysAndTheEventAsTheProtocolBody() throws Exception {
        DeadLetter letter = new DeadLetter("http://h:9000/listen", "HTTP 404", 1_795_462_300L, 1, event());

        Map<?, ?> line = JSON.readValue(letter.toJsonLine(), Map.class);

        assertEquals(List.of("attempts", "event", "failed_at", "id", "reason", "webhook"), List.copyOf(line.keySet()));
        assertEquals("http://h:9000/listen", line.get("webhook"));
        assertEquals(event().id(), line.get("id"));
        assertEquals("HTTP 404", line.get("reason"));
        assertEquals(1_795_462_300, line.get("failed_at"));
        assertEquals(1, line.get("attempts"));
        assertEquals(JSON.readValue(event().toJson(), Map.class), line.get("event"));
    }

    @Test
    void lineStaysOnOneLineWhateverTheReasonAndMessageHold() {
        String line = new DeadLetter("http://h/", "gave up after 24 h: java.io.IOException: a\nb", 1, 3, event()).toJsonLine();

        assertFalse(line.contains("\n"), line);
    }

    @Test
    void parsedLineGivesBackTheEventByteForByte() {
        DeadLetter letter = new DeadLetter("http://h:9000/listen", "gave up after 24 h: HTTP 503", 1_795_462_300L, 7, event());

        DeadLetter parsed = DeadLetter.parse(letter.toJsonLine());

        assertEquals(letter.event().toJson(), parsed.event().toJson());
        assertEquals(letter, parsed);
    }

    @Test
    void aLineThatIsNotADeadLetterIsRefusedWithTheReason() {
        IllegalArgumentException torn = assertThrows(IllegalArgumentException.class,
                () -> DeadLetter.parse("{\"attempts\": 1, \"event\": {\"event\": \"VOL"));
        assertEquals(true, torn.getMessage().startsWith("not JSON"), torn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeadLetter.parse("{\"webhook\": \"http://h/\"}"));
    }
}
