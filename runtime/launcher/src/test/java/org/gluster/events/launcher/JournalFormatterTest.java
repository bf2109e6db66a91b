package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JournalFormatterTest {

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("org.gluster.events.runtime.pipeline.Pipeline");
        return record;
    }

    private static String journal(LogRecord record) {
        return new JournalFormatter(new LineFormatter(false)).format(record);
    }

    @Test
    void eachLevelGetsItsSyslogPriorityAndNoTimestamp() {
        assertEquals("<3>ERROR [Pipeline] m\n", journal(record(Level.SEVERE, "m")));
        assertEquals("<4>WARN  [Pipeline] m\n", journal(record(Level.WARNING, "m")));
        assertEquals("<6>INFO  [Pipeline] m\n", journal(record(Level.INFO, "m")));
        assertEquals("<7>DEBUG [Pipeline] m\n", journal(record(Level.FINE, "m")));
        assertEquals("<7>DEBUG [Pipeline] m\n", journal(record(Level.FINEST, "m")));
    }

    @Test
    void everyLineOfAStackTraceCarriesTheRecordsPriority() {
        LogRecord record = record(Level.WARNING, "Reload failed");
        record.setThrown(new IllegalStateException("bad", new RuntimeException("cause")));

        String text = journal(record);

        String[] lines = text.split("\n");
        assertTrue(lines.length > 4, text);
        for (String line : lines) assertTrue(line.startsWith("<4>"), "line without the priority: " + line);
        assertEquals("<4>WARN  [Pipeline] Reload failed", lines[0]);
        assertEquals("<4>java.lang.IllegalStateException: bad", lines[1]);
        assertTrue(text.contains("\n<4>Caused by: java.lang.RuntimeException: cause\n"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void aJsonLineKeepsItsObjectAfterThePriority() throws Exception {
        LogRecord record = record(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("bad"));

        String text = new JournalFormatter(new JsonFormatter()).format(record);

        assertTrue(text.startsWith("<3>{"), text);
        assertEquals(text.length() - 1, text.indexOf('\n'), "one line, the stack trace inside the object: " + text);
        Map<?, ?> line = new ObjectMapper().readValue(text.substring(3), Map.class);
        assertEquals("ERROR", line.get("level"));
        assertTrue(((String) line.get("exception")).startsWith("java.lang.IllegalStateException: bad"));
    }

    @Test
    void theJournalIsOnlyAssumedWhenJournalStreamNamesStandardErrorOrOutput() throws Exception {
        Map<String, Object> stderr = Files.readAttributes(Path.of("/proc/self/fd/2"), "unix:dev,ino");

        assertTrue(JournalFormatter.connected(stderr.get("dev") + ":" + stderr.get("ino")));
        assertFalse(JournalFormatter.connected(null));
        assertFalse(JournalFormatter.connected(""));
        assertFalse(JournalFormatter.connected("8:1"), "inherited from a service, with the streams going elsewhere");
    }
}
