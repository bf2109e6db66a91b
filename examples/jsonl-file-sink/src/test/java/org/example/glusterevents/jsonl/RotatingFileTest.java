package org.example.glusterevents.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    @TempDir
    Path dir;

    private final AtomicLong rotations = new AtomicLong();

    @Test
    void appendsAfterWhatTheFileAlreadyHolds() throws Exception {
        Path path = dir.resolve("events.jsonl");
        Files.writeString(path, "{\"old\": 1}\n");
        try (RotatingFile file = new RotatingFile(path, 1000, 5, rotations)) {
            assertEquals(1, file.append(List.of(line("{\"new\": 2}"))));
        }
        assertEquals(List.of("{\"old\": 1}", "{\"new\": 2}"), Files.readAllLines(path));
        assertEquals(0, rotations.get());
    }

    @Test
    void writesOnlyTheLinesThatFitAndRotatesBeforeTheNext() throws Exception {
        Path path = dir.resolve("events.jsonl");
        try (RotatingFile file = new RotatingFile(path, 10, 5, rotations)) {
            List<byte[]> lines = List.of(line("aaaa"), line("bbbb"), line("cccc"));
            assertEquals(2, file.append(lines), "two 5-byte lines fill 10 bytes");
            assertEquals(1, file.append(lines.subList(2, 3)));
        }
        assertEquals(List.of("aaaa", "bbbb"), Files.readAllLines(dir.resolve("events.jsonl.1")));
        assertEquals(List.of("cccc"), Files.readAllLines(path));
        assertEquals(1, rotations.get());
    }

    @Test
    void aLineLargerThanTheMaximumGetsAFileOfItsOwn() throws Exception {
        Path path = dir.resolve("events.jsonl");
        try (RotatingFile file = new RotatingFile(path, 10, 5, rotations)) {
            assertEquals(1, file.append(List.of(line("a"))));
            assertEquals(1, file.append(List.of(line("a line of twenty-some bytes"), line("b"))));
            assertEquals(1, file.append(List.of(line("b"))));
        }
        assertEquals(List.of("a"), Files.readAllLines(dir.resolve("events.jsonl.2")));
        assertEquals(List.of("a line of twenty-some bytes"), Files.readAllLines(dir.resolve("events.jsonl.1")));
        assertEquals(List.of("b"), Files.readAllLines(path));
    }

    @Test
    void anExistingFileAlreadyFullIsRotatedBeforeTheFirstLine() throws Exception {
        Path path = dir.resolve("events.jsonl");
        Files.writeString(path, "0123456789\n");
        try (RotatingFile file = new RotatingFile(path, 10, 5, rotations)) {
            file.append(List.of(line("x")));
        }
        assertEquals(List.of("0123456789"), Files.readAllLines(dir.resolve("events.jsonl.1")));
        assertEquals(List.of("x"), Files.readAllLines(path));
    }

    @Test
    void keepZeroStartsTheFileOverWhenItIsFull() throws Exception {
        Path path = dir.resolve("events.jsonl");
        try (RotatingFile file = new RotatingFile(path, 6, 0, rotations)) {
            file.append(List.of(line("first")));
            file.append(List.of(line("again")));
        }
        assertEquals(List.of("again"), Files.readAllLines(path));
        assertFalse(Files.exists(dir.resolve("events.jsonl.1")));
        assertEquals(1, rotations.get());
    }

    @Test
    void rotatedFilesBeyondASmallerKeepAreRemovedAtTheNextRotation() throws Exception {
        Path path = dir.resolve("events.jsonl");
        for (int i = 1; i <= 6; i++) Files.writeString(dir.resolve("events.jsonl." + i), "old " + i + "\n");
        Files.writeString(path, "current\n");
        try (RotatingFile file = new RotatingFile(path, 8, 2, rotations)) {
            file.append(List.of(line("next")));
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("events.jsonl", "events.jsonl.1", "events.jsonl.2"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("current"), Files.readAllLines(dir.resolve("events.jsonl.1")));
        assertEquals(List.of("old 1"), Files.readAllLines(dir.resolve("events.jsonl.2")));
    }

    @Test
    void createsTheFoldersOfThePath() throws Exception {
        Path path = dir.resolve("a/b/events.jsonl");
        try (RotatingFile file = new RotatingFile(path, 100, 1, rotations)) {
            file.append(List.of(line("x")));
        }
        assertTrue(Files.isRegularFile(path));
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
