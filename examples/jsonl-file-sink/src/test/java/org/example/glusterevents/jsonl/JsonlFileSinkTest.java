package org.example.glusterevents.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileSinkTest {
    private static final String NODE = "5b7a2b3c-5d6e-4f70-8192-a3b4c5d6e7f8";
    private static final Duration FAST_RETRY = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private JsonlFileSink sink;

    @AfterEach
    void closeSink() {
        if (sink != null) sink.close();
    }

    @Test
    void writesOneLinePerEventExactlyTheProtocolJsonWithItsIdInJournalOrder() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> events = List.of(
                event(1, "VOLUME_CREATE", Map.of("name", "gv1")),
                event(2, "PEER_ATTACH", orderedMessage("host", "node2", "ratio", 0.5)),
                event(3, "VOLUME_SET", Map.of("options", List.of("a=1", "é"), "name", "gv1")));
        ListCursor cursor = new ListCursor(events);

        open(SinkSettings.of(file, 1 << 20, 5, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(3, 5, TimeUnit.SECONDS), "3 events acknowledged within 5 s");

        assertEquals(List.of(
                "{\"event\": \"VOLUME_CREATE\", \"id\": \"" + id(1) + "\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000001}",
                "{\"event\": \"PEER_ATTACH\", \"id\": \"" + id(2) + "\", \"message\": {\"host\": \"node2\", \"ratio\": 0.5}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000002}",
                "{\"event\": \"VOLUME_SET\", \"id\": \"" + id(3) + "\", \"message\": {\"name\": \"gv1\", \"options\": [\"a=1\", \"\\u00e9\"]}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000003}"),
                lines(file));
        assertTrue(Files.readString(file).endsWith("}\n"), "every line ends with a newline");
        assertEquals(3L, sink.status().get("written"));
        assertEquals(file.toString(), sink.status().get("path"));
        assertEquals(1.0, sink.status().get("max_size_mb"));
        assertEquals(5, sink.status().get("keep"));
        assertEquals("*", sink.status().get("events"));
    }

    @Test
    void lineIsTheEventsJsonWithIdAmongItsSortedKeysAndThePlainBodyWithoutAnId() {
        Event received = event(7, "VOLUME_START", Map.of("force", "0", "name", "gv\"1"));
        String withoutId = received.toJson();
        assertEquals(withoutId.replace("\"message\"", "\"id\": \"" + id(7) + "\", \"message\""), JsonlFileSink.line(received));

        Event fresh = Event.of(1700000000, "VOLUME_STOP", Map.of("name", "gv1"));
        assertEquals(fresh.toJson(), JsonlFileSink.line(fresh));
    }

    @Test
    void acknowledgesAnEventOnlyWhenItsLineIsInTheFile() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 1200; i++) events.add(event(i, "VOLUME_CREATE", Map.of("name", "gv" + i)));
        List<String> problems = new CopyOnWriteArrayList<>();
        ListCursor cursor = new ListCursor(events, acknowledged -> {
            try {
                List<String> written = lines(file);
                String last = written.isEmpty() ? "" : written.get(written.size() - 1);
                if (!last.equals(JsonlFileSink.line(acknowledged))) problems.add(acknowledged.id() + " acknowledged; file ends with " + last);
            } catch (IOException e) {
                problems.add(e.toString());
            }
        });

        open(SinkSettings.of(file, 1 << 20, 5, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(1200, 10, TimeUnit.SECONDS), "1200 events acknowledged within 10 s");

        assertEquals(List.of(), problems);
        assertEquals(1200, lines(file).size());
    }

    @Test
    void rotationKeepsTheNewestFilesWithinTheSizeAndLosesNoLine() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 300; i++) events.add(event(i, "VOLUME_CREATE", Map.of("name", "gv" + i)));
        List<String> expected = events.stream().map(JsonlFileSink::line).toList();
        long maxBytes = 1000; // about 7 lines a file
        ListCursor cursor = new ListCursor(events);

        open(SinkSettings.of(file, maxBytes, 100, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(300, 10, TimeUnit.SECONDS), "300 events acknowledged within 10 s");

        List<Path> files = rotatedFiles(file);
        assertTrue(files.size() > 10, "rotated into many files: " + files);
        List<String> all = new ArrayList<>();
        for (Path part : files) {
            assertTrue(Files.size(part) <= maxBytes, part + " is " + Files.size(part) + " bytes, more than " + maxBytes);
            all.addAll(lines(part));
        }
        assertEquals(expected, all, "oldest rotated file first, the current one last: every line once, in order");
        assertEquals((long) files.size() - 1, sink.status().get("rotations"));
    }

    @Test
    void rotationKeepsOnlyKeepFilesTheNewestOnes() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 300; i++) events.add(event(i, "VOLUME_CREATE", Map.of("name", "gv" + i)));
        List<String> expected = events.stream().map(JsonlFileSink::line).toList();
        ListCursor cursor = new ListCursor(events);

        open(SinkSettings.of(file, 1000, 3, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(300, 10, TimeUnit.SECONDS), "300 events acknowledged within 10 s");

        try (var listing = Files.list(dir)) {
            assertEquals(List.of("events.jsonl", "events.jsonl.1", "events.jsonl.2", "events.jsonl.3"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<String> kept = new ArrayList<>();
        for (Path part : rotatedFiles(file)) kept.addAll(lines(part));
        assertEquals(expected.subList(expected.size() - kept.size(), expected.size()), kept, "the newest lines, in order, none missing between");
    }

    @Test
    void anUnwritablePathIsRetriedWithTheSameEventsUntilItBecomesWritable() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a file where the sink wants a folder");
        Path file = blocker.resolve("events.jsonl");
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) events.add(event(i, "PEER_ATTACH", Map.of("host", "node" + i)));
        ListCursor cursor = new ListCursor(events);

        open(SinkSettings.of(file, 1 << 20, 5, ""), cursor);
        awaitStatus("failing_since", value -> value != null);
        Thread.sleep(300); // several retries
        assertEquals(0, cursor.acknowledged(), "nothing acknowledged while the file cannot be written");
        assertNotNull(sink.status().get("last_error"));
        assertEquals(0L, sink.status().get("written"));

        Files.delete(blocker);
        assertTrue(cursor.awaitAcknowledged(5, 5, TimeUnit.SECONDS), "delivered within 5 s of the path becoming writable");
        assertEquals(events.stream().map(JsonlFileSink::line).toList(), lines(file), "every event once, in order");
        assertNull(sink.status().get("failing_since"));
        assertNull(sink.status().get("last_error"), "no error shown once writing works again");
        assertEquals(5L, sink.status().get("written"));
    }

    @Test
    void aNewPathInTheConfigurationTakesTheEventsAFailingOneCouldNotWrite() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        List<Event> events = List.of(event(1, "VOLUME_CREATE", Map.of("name", "gv1")), event(2, "VOLUME_START", Map.of("name", "gv1")));
        ListCursor cursor = new ListCursor(events);
        sink = new JsonlFileSink(SinkSettings.of(blocker.resolve("events.jsonl"), 1 << 20, 5, ""), Duration.ofSeconds(30), Duration.ofSeconds(30));
        sink.open(cursor);
        awaitStatus("failing_since", value -> value != null);

        Path elsewhere = dir.resolve("elsewhere/events.jsonl");
        sink.configure(SinkSettings.of(elsewhere, 1 << 20, 5, ""));
        assertTrue(cursor.awaitAcknowledged(2, 5, TimeUnit.SECONDS), "written at the new path without waiting out the 30 s backoff");
        assertEquals(events.stream().map(JsonlFileSink::line).toList(), lines(elsewhere));
        assertEquals(elsewhere.toString(), sink.status().get("path"));
    }

    @Test
    void theEventsFilterWritesOnlySelectedEventsAndStillAcknowledgesTheOthers() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> events = List.of(
                event(1, "VOLUME_CREATE", Map.of("name", "gv1")),
                event(2, "GEOREP_CREATE", Map.of("master", "gv1")),
                event(3, "PEER_ATTACH", Map.of("host", "node2")),
                event(4, "SNAPSHOT_CREATED", Map.of("name", "s1")),
                event(5, "VOLUME_DELETE", Map.of("name", "gv1")));
        ListCursor cursor = new ListCursor(events);

        open(SinkSettings.of(file, 1 << 20, 5, "Volume.*, PEER_*"), cursor);
        assertTrue(cursor.awaitAcknowledged(5, 5, TimeUnit.SECONDS), "all 5 acknowledged, written or not");

        assertEquals(List.of(JsonlFileSink.line(events.get(0)), JsonlFileSink.line(events.get(2)), JsonlFileSink.line(events.get(4))), lines(file));
        assertEquals(2L, sink.status().get("skipped"));
        assertEquals("Volume.*,PEER_*", sink.status().get("events"));
    }

    @Test
    void aBatchOfOnlyFilteredOutEventsIsAcknowledgedWithoutCreatingTheFile() throws Exception {
        Path file = dir.resolve("events.jsonl");
        ListCursor cursor = new ListCursor(List.of(event(1, "GEOREP_CREATE", Map.of("master", "gv1"))));

        open(SinkSettings.of(file, 1 << 20, 5, "Volume.*"), cursor);
        assertTrue(cursor.awaitAcknowledged(1, 5, TimeUnit.SECONDS));
        assertFalse(Files.exists(file));
    }

    @Test
    void closeStopsWithinSecondsAndTheNextCursorResumesAfterTheLastAcknowledgedEvent() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<Event> first = List.of(event(1, "VOLUME_CREATE", Map.of("name", "gv1")), event(2, "VOLUME_START", Map.of("name", "gv1")));
        ListCursor cursor = new ListCursor(first);
        open(SinkSettings.of(file, 1 << 20, 5, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(2, 5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        sink.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "close returned within 3 s");

        ListCursor next = cursor.reopen();
        next.add(List.of(event(3, "VOLUME_STOP", Map.of("name", "gv1"))));
        sink.open(next);
        assertTrue(next.awaitAcknowledged(3, 5, TimeUnit.SECONDS));
        assertEquals(List.of(JsonlFileSink.line(first.get(0)), JsonlFileSink.line(first.get(1)),
                JsonlFileSink.line(event(3, "VOLUME_STOP", Map.of("name", "gv1")))), lines(file));
    }

    @Test
    void aFileMovedAwayByLogrotateIsStartedAgainAtThePath() throws Exception {
        Path file = dir.resolve("events.jsonl");
        ListCursor cursor = new ListCursor(List.of(event(1, "VOLUME_CREATE", Map.of("name", "gv1"))));
        open(SinkSettings.of(file, 1 << 20, 5, ""), cursor);
        assertTrue(cursor.awaitAcknowledged(1, 5, TimeUnit.SECONDS));

        Path moved = dir.resolve("events.jsonl-20240101");
        Files.move(file, moved);
        Event second = event(2, "VOLUME_START", Map.of("name", "gv1"));
        cursor.add(List.of(second));
        assertTrue(cursor.awaitAcknowledged(2, 5, TimeUnit.SECONDS));

        assertEquals(List.of(JsonlFileSink.line(second)), lines(file));
        assertEquals(1, lines(moved).size());
    }

    // --- helpers

    private void open(SinkSettings settings, ListCursor cursor) {
        sink = new JsonlFileSink(settings, FAST_RETRY, FAST_RETRY.multipliedBy(4));
        sink.open(cursor);
    }

    private void awaitStatus(String key, java.util.function.Predicate<Object> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.test(sink.status().get(key))) {
            assertTrue(System.nanoTime() < deadline, "status " + key + " never became as expected: " + sink.status());
            Thread.sleep(10);
        }
    }

    /** events.jsonl.N ... events.jsonl.1, events.jsonl: oldest first. */
    private static List<Path> rotatedFiles(Path file) {
        List<Path> files = new ArrayList<>();
        int n = 1;
        while (Files.exists(file.resolveSibling(file.getFileName() + "." + n))) n++;
        for (int i = n - 1; i >= 1; i--) files.add(file.resolveSibling(file.getFileName() + "." + i));
        files.add(file);
        return files;
    }

    static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static String id(int n) {
        return String.format("018f0000-0000-7000-8000-%012d", n);
    }

    static Event event(int n, String name, Map<String, Object> message) {
        return Event.of(id(n), NODE, 1700000000L + n, name, message, false);
    }

    private static Map<String, Object> orderedMessage(Object... keysAndValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) message.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return message;
    }
}
