package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonFormatter formatter = new JsonFormatter();

    private static LogRecord record(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-11-23T10:00:00.123Z"));
        return record;
    }

    /** The formatted record: exactly one line, parsed as a JSON object. */
    private Map<?, ?> parse(LogRecord record) throws Exception {
        String line = formatter.format(record);
        assertTrue(line.endsWith("\n"), line);
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
        return JSON.readValue(line, Map.class);
    }

    @Test
    void aRecordIsOneObjectWithTimeLevelShortLoggerThreadAndMessage() throws Exception {
        Map<?, ?> line = parse(record(Level.INFO, "org.gluster.events.runtime.pipeline.Pipeline", "Pipeline ready"));

        assertEquals(List.of("ts", "level", "logger", "thread", "message"), List.copyOf(line.keySet()));
        assertEquals("INFO", line.get("level"));
        assertEquals("Pipeline", line.get("logger"));
        assertEquals(Thread.currentThread().getName(), line.get("thread"));
        assertEquals("Pipeline ready", line.get("message"));
        String ts = (String) line.get("ts");
        assertTrue(ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.123(Z|[+-]\\d\\d:\\d\\d)"), ts);
        assertEquals(Instant.parse("2026-11-23T10:00:00.123Z"), OffsetDateTime.parse(ts).toInstant());
    }

    @Test
    void levelsAreNamedAsTheLogLevelSettingNamesThem() throws Exception {
        assertEquals("ERROR", parse(record(Level.SEVERE, "x", "m")).get("level"));
        assertEquals("WARNING", parse(record(Level.WARNING, "x", "m")).get("level"));
        assertEquals("INFO", parse(record(Level.INFO, "x", "m")).get("level"));
        assertEquals("DEBUG", parse(record(Level.FINE, "x", "m")).get("level"));
    }

    @Test
    void aRecordWithAnExceptionCarriesTheWholeStackTraceAsOneString() throws Exception {
        LogRecord record = record(Level.SEVERE, "glustereventsd.launcher", "Bundle did not start");
        record.setThrown(new IllegalStateException("broken \"plugin\"", new java.io.IOException("disk full")));

        Map<?, ?> line = parse(record);

        String exception = (String) line.get("exception");
        assertTrue(exception.startsWith("java.lang.IllegalStateException: broken \"plugin\"\n\tat "), exception);
        assertTrue(exception.contains("Caused by: java.io.IOException: disk full"), exception);
        assertTrue(exception.contains(JsonFormatterTest.class.getName()), exception);
        assertFalse(exception.endsWith("\n"), "no trailing newline");
        assertEquals("Bundle did not start", line.get("message"));
    }

    @Test
    void anEventLineCarriesItsIdAndTheEventAsAnEmbeddedObject() throws Exception {
        String event = "{\"event\": \"VOLUME_SET\", \"message\": {\"name\": \"gv1\", \"note\": \"caf\\u00e9 \\\"q\\\"\"}, "
                + "\"nodeid\": \"620eeb4f-d3b0-49c2-bb33-cfca398e2b9e\", \"ts\": 1795495909}";
        Map<?, ?> line = parse(record(Level.INFO, "glustereventsd.events", "EVENT 01a20be5-57d7-7000-8cd3-e8c26c9cd4b4 " + event));

        assertEquals("events", line.get("logger"));
        assertEquals("01a20be5-57d7-7000-8cd3-e8c26c9cd4b4", line.get("event_id"));
        assertEquals("EVENT 01a20be5-57d7-7000-8cd3-e8c26c9cd4b4", line.get("message"));
        Map<?, ?> embedded = (Map<?, ?>) line.get("event");
        assertEquals("VOLUME_SET", embedded.get("event"));
        assertEquals(Map.of("name", "gv1", "note", "café \"q\""), embedded.get("message"));
        assertEquals(1795495909, embedded.get("ts"));
    }

    @Test
    void eventLikeTextFromAnyOtherLoggerOrNotAnObjectStaysAPlainMessage() throws Exception {
        Map<?, ?> other = parse(record(Level.INFO, "org.example.Plugin", "EVENT 1 {\"event\": \"X\"}"));
        assertEquals("EVENT 1 {\"event\": \"X\"}", other.get("message"));
        assertFalse(other.containsKey("event"));

        Map<?, ?> notAnObject = parse(record(Level.INFO, "glustereventsd.events", "EVENT 1 [1, 2]"));
        assertEquals("EVENT 1 [1, 2]", notAnObject.get("message"));
        assertFalse(notAnObject.containsKey("event_id"));
    }

    @Test
    void quotesBackslashesControlCharactersAndNonAsciiAreEscapedAndReadBackUnchanged() throws Exception {
        String message = "say \"hi\" to C:\\gluster\\ \n\r\t\b\f\u0000\u0001\u001f\u007f é ü 日本 😀 \u2028";

        String line = formatter.format(record(Level.WARNING, "x", message));

        assertEquals(message, JSON.readValue(line, Map.class).get("message"));
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n'), "printable ASCII only: " + line);
        assertTrue(line.contains("say \\\"hi\\\" to C:\\\\gluster\\\\ \\n\\r\\t\\u0008\\u000c\\u0000\\u0001\\u001f\\u007f"), line);
        assertTrue(line.contains("\\u00e9 \\u00fc \\u65e5\\u672c \\ud83d\\ude00 \\u2028"), line);
    }

    @Test
    void aRecordWithoutAMessageHasAnEmptyOne() throws Exception {
        assertEquals("", parse(record(Level.INFO, null, null)).get("message"));
    }
}
