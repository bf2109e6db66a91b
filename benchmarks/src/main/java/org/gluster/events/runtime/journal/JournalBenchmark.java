package org.gluster.events.runtime.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.benchmarks.HotPath;
import org.gluster.events.benchmarks.SampleEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The journal every accepted event is appended to before any sink sees it: {@link DiskJournal} (in a
 * temporary directory, forced to disk every second off the append path, as the daemon's default
 * {@code journal-fsync-ms} has it) and {@link MemoryJournal}. Appending one received event; appending
 * it and reading it back through a sink's cursor that keeps up (from the events the disk journal also
 * keeps in memory); and a cursor catching up on a backlog that only the segment files still hold. In
 * this package because the journal's classes are the runtime core's own.
 */
public class JournalBenchmark extends HotPath {
    /** The reader's cursor, as a sink's would be named. */
    private static final String READER = "webhook:http://127.0.0.1:9999/listen";
    /** As {@code JournalService} opens them: the last 16,384 events also in memory, 100,000 in the memory journal. */
    private static final int RECENT_EVENTS = 16_384;
    private static final int MEMORY_CAPACITY = 100_000;
    /**
     * The smallest size limit the events config allows (32 MiB here, 16 at the least) in 4 MiB
     * segments, so that retention keeps the temporary directory small: it runs at the start of
     * every iteration and every 5 s.
     */
    private static final Journal.Retention RETENTION = new Journal.Retention(32L << 20, TimeUnit.DAYS.toMillis(7), 1000);
    private static final long SEGMENT_BYTES = 4L << 20;
    /** A webhook's poll. */
    private static final int BATCH = 256;

    private static final Event EVENT = SampleEvents.received(SampleEvents.BRICK_DISCONNECTED);

    /** A journal of either kind with one open cursor at its end. */
    @State(Scope.Thread)
    public static class Journals {
        @Param({"disk", "memory"})
        public String kind;

        Journal journal;
        EventCursor cursor;
        private Path directory;

        @Setup(Level.Trial)
        public void open() throws IOException {
            if (kind.equals("disk")) {
                directory = Files.createTempDirectory("glustereventsd-jmh-journal-");
                journal = openDisk(directory);
            } else {
                journal = new MemoryJournal(MEMORY_CAPACITY);
            }
            cursor = journal.open(READER, () -> CursorFilter.NONE);
        }

        /** Retention now, in the background: bounds what the last iteration appended. */
        @Setup(Level.Iteration)
        public void retain() {
            journal.configure(RETENTION);
        }

        @TearDown(Level.Trial)
        public void close() {
            if (journal instanceof DiskJournal disk) disk.close();
            if (directory != null) delete(directory);
        }
    }

    /**
     * A disk journal with a backlog of 60,000 events, of which the first 43,616 are only in the segment
     * files; its cursor reads them from the start again and again (it acknowledges nothing, and is
     * reopened before it reaches the events held in memory).
     */
    @State(Scope.Thread)
    public static class Backlog {
        private static final int EVENTS = 60_000;
        private static final int READ_FROM_FILES = EVENTS - RECENT_EVENTS;

        DiskJournal journal;
        EventCursor cursor;
        int read;
        private Path directory;

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = Files.createTempDirectory("glustereventsd-jmh-backlog-");
            journal = openDisk(directory);
            journal.register(READER);
            for (int i = 0; i < EVENTS; i++) journal.append(EVENT);
            rewind();
        }

        void rewind() {
            cursor = journal.open(READER, () -> CursorFilter.NONE);
            read = 0;
        }

        @TearDown(Level.Trial)
        public void close() {
            journal.close();
            delete(directory);
        }
    }

    private static DiskJournal openDisk(Path directory) throws IOException {
        DiskJournal journal = new DiskJournal(directory, SEGMENT_BYTES, RECENT_EVENTS);
        journal.configure(RETENTION);
        return journal;
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public long append(Journals state) {
        return state.journal.append(EVENT);
    }

    /** One event in, and out to a sink that keeps up: poll, acknowledge. */
    @Benchmark
    public List<Event> appendAndRead(Journals state) throws InterruptedException {
        state.journal.append(EVENT);
        List<Event> read = state.cursor.poll(1, 0, TimeUnit.NANOSECONDS);
        state.cursor.acknowledge(read.get(0));
        return read;
    }

    /** A poll of {@value #BATCH} events from the segment files (checksums and JSON parsing); the time is per event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Event> diskBacklogRead(Backlog state) throws InterruptedException {
        if (state.read + BATCH > Backlog.READ_FROM_FILES) state.rewind();
        List<Event> read = state.cursor.poll(BATCH, 0, TimeUnit.NANOSECONDS);
        state.read += read.size();
        return read;
    }
}
