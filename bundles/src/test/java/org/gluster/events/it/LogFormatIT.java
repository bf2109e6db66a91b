package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log-format} and journald, seen in the log file and the output of {@code bin/glustereventsd}. */
class LogFormatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code 2026-11-23 10:00:00.123 INFO  [Component] message} */
    private static final String TEXT_LINE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (DEBUG|INFO |WARN |ERROR) \\[.*";

    @TempDir
    Path workdir;

    private void writeConfig(DaemonProcess daemon, String logFormat) throws Exception {
        Path temp = workdir.resolve("events/config.json.tmp");
        Files.writeString(temp, "{\"port\": " + daemon.udpPort + ", \"rest-port\": " + daemon.restPort
                + ", \"bind-address\": \"127.0.0.1\", \"log-format\": \"" + logFormat + "\"}");
        Files.move(temp, workdir.resolve("events/config.json"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The whole lines of {@code text}: a line still being written is left out. */
    private static List<String> completeLines(String text) {
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    /** The log's whole lines, once one of them contains {@code text}. */
    private static List<String> awaitLine(DaemonProcess daemon, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> lines = completeLines(daemon.log());
            if (lines.stream().anyMatch(line -> line.contains(text))) return lines;
            if (System.nanoTime() > deadline) throw new AssertionError("no line with " + text + " within 5 s:\n" + daemon.log());
            Thread.sleep(50);
        }
    }

    private static boolean isJsonObject(String line) {
        try {
            return JSON.readTree(line).isObject();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void withLogFormatJsonEveryLineIsAnObjectAndTextComesBackWhenTheConfigSaysSo() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            writeConfig(daemon, "json");
            daemon.start();
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv1");
            List<String> lines = awaitLine(daemon, "\"event_id\"");
            for (String line : lines) assertTrue(isJsonObject(line), "not a JSON object: " + line);
            List<String> output = completeLines(daemon.output());
            for (String line : output) assertTrue(isJsonObject(line), "not a JSON object in the output: " + line);
            assertTrue(output.stream().anyMatch(line -> line.contains("glustereventsd: state in ")), "the paths, as a record: " + output);
            List<Map<?, ?>> events = new ArrayList<>();
            for (String line : lines) {
                Map<?, ?> record = JSON.readValue(line, Map.class);
                assertTrue(record.keySet().containsAll(List.of("ts", "level", "logger", "thread", "message")), line);
                if (record.containsKey("event")) events.add(record);
            }
            assertEquals(1, events.size(), "one event line");
            Map<?, ?> event = (Map<?, ?>) events.get(0).get("event");
            assertEquals(Map.of("name", "gv1"), event.get("message"));
            assertEquals("events", events.get(0).get("logger"));
            assertEquals(36, ((String) events.get(0).get("event_id")).length(), "a UUID");

            writeConfig(daemon, "text");
            awaitLine(daemon, "INFO  [launcher] Log format text");
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv2");

            List<String> all = awaitLine(daemon, "[events] EVENT ");
            int firstText = lines.size();
            while (firstText < all.size() && isJsonObject(all.get(firstText))) firstText++;
            List<String> after = all.subList(firstText, all.size());
            assertFalse(after.isEmpty());
            for (String line : after) assertTrue(line.matches(TEXT_LINE), "not a text line after the switch: " + line);
            assertTrue(after.stream().anyMatch(line -> line.contains("[events] EVENT ") && line.contains("\"name\": \"gv2\"")), after.toString());
        }
    }

    @Test
    void whenItsOutputIsTheJournalEveryLineStartsWithItsPriorityAndHasNoTimestamp() throws Exception {
        Path out = Files.createFile(workdir.resolve("daemon.out"));
        // As systemd sets it: the device and inode of the stream that is the journal.
        Map<String, Object> stream = Files.readAttributes(out, "unix:dev,ino");
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.environment("JOURNAL_STREAM", stream.get("dev") + ":" + stream.get("ino")).start();
            List<String> logged = awaitLine(daemon, "glustereventsd ready");

            List<String> lines = completeLines(daemon.output());
            for (String line : lines) assertTrue(line.matches("<[3467]>.*"), "no priority: " + line);
            assertTrue(lines.get(0).startsWith("<6>glustereventsd: state in "), lines.get(0));
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("<6>INFO  [launcher] glustereventsd ready in ")),
                    String.join("\n", lines));
            for (String line : lines) assertFalse(line.matches("<\\d>\\d{4}-\\d\\d-\\d\\d .*"), "a timestamp: " + line);
            for (String line : logged) {
                assertTrue(line.matches(TEXT_LINE), "the log file keeps its timestamps, without priorities: " + line);
            }
        }
    }
}
