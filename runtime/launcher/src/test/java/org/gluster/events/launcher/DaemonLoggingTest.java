package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonLoggingTest {
    @TempDir
    Path dir;

    /** A handler that only holds its formatter. */
    private static final class Held extends Handler {
        @Override
        public void publish(LogRecord record) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String format(String message) {
            LogRecord record = new LogRecord(Level.INFO, message);
            record.setLoggerName("glustereventsd.launcher");
            return getFormatter().format(record);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void switchingTheFormatChangesTheFileAndTheConsoleHandlers() throws Exception {
        Held file = new Held();
        Held console = new Held();
        DaemonLogging logging = new DaemonLogging(file, console, false, "text");
        assertTrue(file.format("m").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[launcher\\] m\n"), file.format("m"));
        assertEquals(file.format("m"), console.format("m"));

        logging.accept("json");

        assertEquals("m", new ObjectMapper().readValue(file.format("m"), Map.class).get("message"));
        assertEquals("m", new ObjectMapper().readValue(console.format("m"), Map.class).get("message"));

        logging.accept("text");

        assertTrue(file.format("m").endsWith(" INFO  [launcher] m\n"), file.format("m"));
        assertTrue(console.format("m").endsWith(" INFO  [launcher] m\n"), console.format("m"));
    }

    @Test
    void underJournaldOnlyTheConsoleGetsPrioritiesAndLosesItsTimestamp() throws Exception {
        Held file = new Held();
        Held console = new Held();
        DaemonLogging logging = new DaemonLogging(file, console, true, "text");

        assertEquals("<6>INFO  [launcher] m\n", console.format("m"));
        assertTrue(file.format("m").matches("\\d{4}-.* INFO  \\[launcher\\] m\n"), file.format("m"));

        logging.accept("json");

        assertTrue(console.format("m").startsWith("<6>{\"ts\":"), console.format("m"));
        assertTrue(file.format("m").startsWith("{\"ts\":"), file.format("m"));
    }

    @Test
    void theFormatOfTheFirstLinesIsReadFromTheFilesTheLaterOneWinning() throws IOException {
        Path defaults = write("eventsconfig.json", "{\n    \"log-level\": \"INFO\",\n    \"log-format\": \"text\"\n}");
        Path json = write("json.json", "{\"port\": 6000, \"log-format\" : \"JSON\"}");
        Path invalid = write("invalid.json", "{\"log-format\": \"xml\"}");
        Path silent = write("silent.json", "{\"port\": 6000}");

        assertEquals("json", DaemonLogging.configuredFormat(defaults, json));
        assertEquals("text", DaemonLogging.configuredFormat(json, defaults));
        assertEquals("json", DaemonLogging.configuredFormat(json, silent));
        assertEquals("json", DaemonLogging.configuredFormat(json, invalid), "a value not allowed is passed over");
        assertEquals("text", DaemonLogging.configuredFormat(dir.resolve("absent.json"), silent));
    }
}
