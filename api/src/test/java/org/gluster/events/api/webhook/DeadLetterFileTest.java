package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    @TempDir
    Path workdir;

    private static DeadLetter letter(String webhook, int n) {
        Event event = Event.of(String.format("0190a1b2-c3d4-7e5f-8a9b-%012d", n), "node-1", 1_795_462_277L + n,
                "VOLUME_CREATE", Map.of("name", "gv" + n), false);
        return new DeadLetter(webhook, "HTTP 404", 1_795_462_300L, 1, event);
    }

    private static List<String> ids(List<DeadLetterFile.Line> lines) {
        return lines.stream().map(line -> line.letter() == null ? "unreadable:" + line.number() : line.letter().id()).toList();
    }

    @Test
    void theFileLivesInTheEventsFolderOfTheWorkdir() {
        assertEquals(workdir.resolve("events/dead-letters.jsonl"), DeadLetterFile.inWorkdir(workdir).path());
    }

    @Test
    void aMissingFileHoldsNoDeadLetters() throws Exception {
        assertEquals(List.of(), DeadLetterFile.inWorkdir(workdir).read());
    }

    @Test
    void appendedLettersAreReadBackInOrderOneLineEach() throws Exception {
        DeadLetterFile file = DeadLetterFile.inWorkdir(workdir);
        file.append(letter("http://a/", 1));
        file.append(letter("http://b/", 2));

        assertEquals(List.of(letter("http://a/", 1), letter("http://b/", 2)),
                file.read().stream().map(DeadLetterFile.Line::letter).toList());
        assertEquals(2, Files.readAllLines(file.path()).size());
    }

    @Test
    void removeIfRewritesTheFileWithoutTheRemovedAndKeepsUnreadableLines() throws Exception {
        DeadLetterFile file = DeadLetterFile.inWorkdir(workdir);
        file.append(letter("http://a/", 1));
        file.append(letter("http://b/", 2));
        Files.writeString(file.path(), "{\"torn\n", java.nio.file.StandardOpenOption.APPEND);
        file.append(letter("http://a/", 3));

        int removed = file.removeIf(letter -> letter.webhook().equals("http://a/"));

        assertEquals(2, removed);
        List<DeadLetterFile.Line> lines = file.read();
        assertEquals(List.of(letter("http://b/", 2).id(), "unreadable:2"), ids(lines));
        assertEquals("{\"torn", lines.get(1).text());
        assertNull(lines.get(1).letter());
        assertEquals(false, lines.get(1).problem().isEmpty());
    }

    @Test
    void appendsFromManyThreadsGiveWholeLines() throws Exception {
        DeadLetterFile file = DeadLetterFile.inWorkdir(workdir);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            int id = n;
            done.add(threads.submit(() -> {
                file.append(letter("http://t" + (id % 8) + "/", id));
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        threads.shutdown();

        List<DeadLetterFile.Line> lines = file.read();
        assertEquals(400, lines.size());
        assertEquals(0, lines.stream().filter(line -> line.letter() == null).count(), "torn lines");
    }
}
