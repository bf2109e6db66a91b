package org.gluster.events.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskJournalTest {
    private static final Supplier<CursorFilter> NO_FILTERS = () -> CursorFilter.NONE;

    @TempDir
    Path directory;
    private final List<DiskJournal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(DiskJournal::close);
    }

    private DiskJournal open(long segmentBytes, int recentEvents) throws IOException {
        DiskJournal journal = new DiskJournal(directory, segmentBytes, recentEvents);
        opened.add(journal);
        return journal;
    }

    private static Event event(int n) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", "gv" + n);
        message.put("options", List.of(List.of("k", "v" + n)));
        message.put("force", n % 2 == 0);
        return Event.of(String.format("01a20a23-1fcf-7%03x-8000-%012d", n % 4096, n), "node-1", 1_795_462_277L + n,
                "VOLUME_SET", message, n % 3 == 0);
    }

    private static List<Event> events(int from, int toInclusive) {
        List<Event> list = new ArrayList<>();
        for (int n = from; n <= toInclusive; n++) list.add(event(n));
        return list;
    }

    private static List<Event> readAll(EventCursor cursor, int expected) throws InterruptedException {
        List<Event> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (read.size() < expected && System.nanoTime() < deadline) read.addAll(cursor.poll(64, 50, TimeUnit.MILLISECONDS));
        return read;
    }

    private void close(DiskJournal journal) {
        journal.close();
        opened.remove(journal);
    }

    private List<Path> segmentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "*.seg")) {
            found.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    @Test
    void eventsAreReadBackIntactAfterReopeningTheJournal() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        events(0, 99).forEach(journal::append);
        close(journal);

        DiskJournal reopened = open(1 << 20, 1024);
        assertEquals(100, reopened.end());
        assertEquals(events(0, 99), readAll(reopened.open("sink", NO_FILTERS), 100));
    }

    @Test
    void aCursorBehindTheInMemoryEventsReadsThemFromDiskInOrder() throws Exception {
        DiskJournal journal = open(1 << 20, 4);
        journal.register("slow");
        events(0, 499).forEach(journal::append);

        assertEquals(events(0, 499), readAll(journal.open("slow", NO_FILTERS), 500));
    }

    @Test
    void fullSegmentsRollOverAndAreReadAcross() throws Exception {
        DiskJournal journal = open(2048, 4);
        journal.register("sink");
        events(0, 199).forEach(journal::append);

        assertTrue(segmentFiles().size() > 5, "segments: " + segmentFiles());
        assertEquals(events(0, 199), readAll(journal.open("sink", NO_FILTERS), 200));
        close(journal);
        assertEquals(events(0, 199), readAll(open(2048, 4).open("sink", NO_FILTERS), 200), "after reopening too");
    }

    @Test
    void acknowledgedPositionsSurviveARestartSoASinkResumesAfterItsLastAcknowledgedEvent() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        events(0, 9).forEach(journal::append);
        EventCursor cursor = journal.open("sink", NO_FILTERS);
        List<Event> read = readAll(cursor, 10);
        cursor.acknowledge(read.get(5));
        close(journal);

        EventCursor resumed = open(1 << 20, 1024).open("sink", NO_FILTERS);
        assertEquals(events(6, 9), readAll(resumed, 4));
    }

    @Test
    void acknowledgementsReachTheCursorFileWithinASecondWithoutAClose() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        events(0, 9).forEach(journal::append);
        EventCursor cursor = journal.open("sink", NO_FILTERS);
        List<Event> read = readAll(cursor, 10);
        cursor.acknowledge(read.get(9));

        Path file = directory.resolve("cursors.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline && !(Files.exists(file) && Files.readString(file).contains("\"acknowledged\": 10"))) {
            Thread.sleep(20);
        }
        assertTrue(Files.readString(file).contains("\"acknowledged\": 10"), Files.readString(file));
    }

    @Test
    void aTornLastRecordIsCutOffAndEveryWholeRecordIsKept() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        events(0, 9).forEach(journal::append);
        close(journal);
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 7); // the crash came in the middle of writing the last record
        }

        DiskJournal recovered = open(1 << 20, 1024);
        assertEquals(events(0, 8), readAll(recovered.open("sink", NO_FILTERS), 9));
        assertTrue(((String) recovered.status().get("recovery")).contains("torn or damaged bytes at the end"),
                recovered.status().toString());
        recovered.append(event(42));
        assertEquals(List.of(event(42)), readAll(recovered.open("sink", NO_FILTERS), 10).subList(9, 10));
    }

    @Test
    void aDamagedRecordInTheMiddleIsSkippedAndReportedAndTheRecordsAfterItAreKept() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        events(0, 9).forEach(journal::append);
        close(journal);
        Path segment = segmentFiles().get(0);
        long recordBytes = Files.size(segment) / 10;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(recordBytes * 4 + 30); // inside the payload of the fifth record or so
            file.write(new byte[] {'#', '#', '#'});
        }

        DiskJournal recovered = open(1 << 20, 1024);
        List<Event> read = readAll(recovered.open("sink", NO_FILTERS), 9);
        assertEquals(9, read.size(), "one record lost, the nine others kept: " + read);
        assertTrue(read.containsAll(events(0, 3)) && read.containsAll(events(5, 9)) || read.containsAll(events(0, 4))
                && read.containsAll(events(6, 9)), read.toString());
        assertTrue(((String) recovered.status().get("recovery")).contains("damaged bytes in"), recovered.status().toString());
    }

    @Test
    void retentionBySizeEvictsTheOldestSegmentsAndALaggingSinkCountsWhatItLost() throws Exception {
        DiskJournal journal = open(2048, 4);
        journal.register("lagging");
        events(0, 299).forEach(journal::append);
        journal.configure(new Journal.Retention(8 * 1024, TimeUnit.DAYS.toMillis(1), 1000));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline && segmentFiles().size() > 5) Thread.sleep(20);
        assertTrue(segmentFiles().size() <= 5, "segments left: " + segmentFiles());

        EventCursor lagging = journal.open("lagging", NO_FILTERS);
        List<Event> read = new ArrayList<>();
        for (List<Event> batch; !(batch = lagging.poll(64, 50, TimeUnit.MILLISECONDS)).isEmpty(); ) read.addAll(batch);
        Journal.CursorStatus status = journal.cursors().get(0);
        assertTrue(read.size() < 300 && !read.isEmpty(), "read " + read.size());
        assertEquals(events(300 - read.size(), 299), read, "what is left is the newest, in order");
        assertEquals(300 - read.size(), status.evictedUnread());
    }

    @Test
    void aFullDiskRefusesEventsWithAClearErrorAndTheJournalRecoversWhenSpaceReturns() throws Exception {
        // The active segment is /dev/full: every write fails with ENOSPC, as on a full file system.
        Path segment = directory.resolve(Segment.fileName(0));
        Files.createSymbolicLink(segment, Path.of("/dev/full"));
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");

        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> journal.append(event(0)));
        assertTrue(refused.getMessage().contains("No space left on device"), refused.getMessage());
        assertTrue(((String) journal.status().get("error")).startsWith("journal cannot write to " + segment),
                journal.status().toString());
        assertEquals(1L, journal.status().get("refused"));
        assertEquals(0, journal.end(), "a refused event takes no position");

        Files.delete(segment); // space is back
        Files.createFile(segment);
        journal.append(event(1));
        assertEquals("", journal.status().get("error"));
        assertEquals(List.of(event(1)), readAll(journal.open("sink", NO_FILTERS), 1));
    }

    @Test
    void eventsWithNonFiniteNumbersAreReadBackFromDiskAndNothingAfterThemIsSkipped() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        journal.append(event(0));
        journal.append(Event.of("01a20a23-1fcf-7001-8000-000000000001", "node-1", 1, "VOLUME_SET",
                Map.of("x", Double.POSITIVE_INFINITY), false));
        journal.append(event(2));
        close(journal);

        List<Event> read = readAll(open(1 << 20, 1024).open("sink", NO_FILTERS), 3);
        assertEquals(3, read.size(), read.toString());
        assertEquals(Double.POSITIVE_INFINITY, read.get(1).message().get("x"));
        assertEquals(event(2), read.get(2));
    }

    @Test
    void theOldestPendingEventsReceiveTimeIsReported() throws Exception {
        DiskJournal journal = open(1 << 20, 1024);
        journal.register("sink");
        journal.append(Event.of("01a20a23-1fcf-7000-8000-000000000000", "node-1", 1, "VOLUME_START", Map.of(), false));
        assertEquals(0x01a20a231fcfL, journal.cursors().get(0).oldestPendingMillis());
    }
}
