package org.gluster.events.runtime.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal: segment files under {@code <workdir>/events/journal/}, each event written
 * with one {@code write} before the source is told it was accepted, so a {@code kill -9} loses
 * nothing the kernel has; forced to disk every {@code journal-fsync-ms} (bounding what a power loss
 * takes). Cursor positions are saved to {@code cursors.json} four times a second, so after a crash
 * a sink re-reads at most that window. The last events stay in memory too, so sinks that keep up
 * never read the disk.
 *
 * <p>At start every segment is checked record by record: a damaged or torn record is skipped and
 * reported, a torn tail is cut off, and every whole record is kept.
 */
public final class DiskJournal extends AbstractJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURSORS_FILE = "cursors.json";
    private static final long CURSOR_SAVE_MS = 250;
    private static final long RETENTION_CHECK_MS = 5000;

    private final Path directory;
    private final long segmentBytes;
    private final Event[] recent;
    /** The first position appended in this run: {@link #recent} holds nothing older. */
    private final long recentStart;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final ScheduledExecutorService background;
    private final String recovery;
    private Segment active;
    private volatile Retention retention = new Retention(1024L << 20, TimeUnit.DAYS.toMillis(7), 1000);
    private volatile boolean unsynced;
    private volatile long lastSync = System.nanoTime();
    private boolean cursorsDirty;
    private volatile String appendError;
    private long refused;

    /**
     * Opens (and recovers) the journal in {@code directory}.
     *
     * @param segmentBytes a segment is closed and a new one started beyond this size
     * @param recentEvents how many of the latest events are also kept in memory
     */
    public DiskJournal(Path directory, long segmentBytes, int recentEvents) throws IOException {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.recent = new Event[recentEvents];
        Files.createDirectories(directory);
        this.recovery = recover();
        this.recentStart = end;
        loadCursors();
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "journal-sync");
            thread.setDaemon(true);
            return thread;
        });
        background.scheduleWithFixedDelay(this::syncIfDue, 20, 20, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::saveCursorsIfChanged, CURSOR_SAVE_MS, CURSOR_SAVE_MS, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::applyRetention, RETENTION_CHECK_MS, RETENTION_CHECK_MS, TimeUnit.MILLISECONDS);
        LOG.info("Journal {}: {}", directory, recovery);
    }

    // --- appending

    @Override
    public long append(Event event) {
        byte[] payload = Records.payload(event);
        lock.lock();
        try {
            if (appendError != null) reopenActive();
            if (active.size >= segmentBytes) roll();
            long position = end;
            ByteBuffer record = Records.encode(position, payload);
            long offset = active.size;
            try {
                while (record.hasRemaining()) active.writer.write(record, offset + record.position());
                if (retention.fsyncMillis() == 0) active.writer.force(false);
            } catch (IOException e) {
                throw refuse(offset, e);
            }
            if (appendError != null) {
                LOG.info("Journal accepts events again ({} were refused meanwhile)", refused);
                appendError = null;
            }
            active.size = offset + record.limit();
            active.recorded(position, offset);
            active.lastAppendMillis = System.currentTimeMillis();
            end = position + 1;
            recent[(int) (position % recent.length)] = event;
            unsynced = true;
            signalAppended();
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** After a failed write, the file is opened afresh: the condition may have cleared (space freed). */
    private void reopenActive() {
        try {
            if (active.writer != null) active.writer.close();
            active.writer = FileChannel.open(active.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw refuse(active.size, e);
        }
    }

    /** A write failed (disk full, say): undo the partial record and refuse the event, loudly once. */
    private UncheckedIOException refuse(long offset, IOException e) {
        try {
            if (active.writer != null && active.writer.isOpen()) active.writer.truncate(offset);
        } catch (IOException ignored) {
            // the size is tracked apart from the file: a torn tail is cut off at the next start anyway
        }
        refused++;
        String message = "journal cannot write to " + active.path + ": " + e.getMessage();
        if (appendError == null) LOG.error("{}; events are refused until it can", message);
        appendError = message;
        return new UncheckedIOException(message, e);
    }

    /** Under the lock: starts the next segment, named by the next position, then closes the full one. */
    private void roll() {
        Segment full = active;
        try {
            active = openSegment(end);
        } catch (IOException e) {
            throw refuse(full.size, e); // the full one stays active and writable
        }
        try {
            full.closeWriter();
        } catch (IOException e) {
            LOG.warn("Journal could not close {}: {}", full, e.toString());
        }
    }

    private Segment openSegment(long first) throws IOException {
        Segment segment = new Segment(directory.resolve(Segment.fileName(first)), first);
        segment.writer = FileChannel.open(segment.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        segment.size = segment.writer.size();
        segment.lastAppendMillis = System.currentTimeMillis();
        segments.put(first, segment);
        return segment;
    }

    // --- reading

    @Override
    protected Reader newReader() {
        return new DiskReader();
    }

    @Override
    protected Event firstFrom(long position) {
        List<Event> events = new ArrayList<>(1);
        try (DiskReader reader = new DiskReader()) {
            reader.read(position, end(), 1, events, new ArrayList<>(1));
        }
        return events.isEmpty() ? null : events.get(0);
    }

    /** Where the in-memory copies begin; under the lock. */
    private long recentLow() {
        return Math.max(recentStart, end - recent.length);
    }

    private static final int READ_BUFFER_BYTES = 128 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** One cursor's reader: from memory when it can, else sequentially through the segment files. */
    private final class DiskReader implements Reader {
        /** Made on the first read from the files: a reader that keeps up reads from memory only. */
        private ByteBuffer buffer = EMPTY;
        private Segment segment;
        private FileChannel channel;
        private long offset;
        /** The position the record at {@link #offset} follows: lets a read go on where the last ended. */
        private long resumeFrom = -1;
        private long bufferStart;
        private int bufferLength;

        @Override
        public long read(long from, long until, int max, List<Event> events, List<Long> positions) {
            lock.lock();
            try {
                long low = recentLow();
                if (from >= low) {
                    if (channel != null) switchTo(null, 0); // caught up: let retention free the file it read
                    long position = from;
                    for (; position < until && events.size() < max; position++) {
                        events.add(recent[(int) (position % recent.length)]);
                        positions.add(position);
                    }
                    return position;
                }
                if (from != resumeFrom || segment == null || !segments.containsValue(segment)) seek(from);
            } finally {
                lock.unlock();
            }
            return readSegments(from, until, max, events, positions);
        }

        /** Under the lock: the segment that holds {@code from} (or the first after it), and an offset near it. */
        private void seek(long from) {
            Map.Entry<Long, Segment> entry = segments.floorEntry(from);
            if (entry == null) entry = segments.firstEntry();
            switchTo(entry.getValue(), entry.getValue().seekOffset(from));
        }

        private void switchTo(Segment next, long at) {
            closeChannel();
            segment = next;
            offset = at;
            bufferLength = 0;
        }

        private long readSegments(long from, long until, int max, List<Event> events, List<Long> positions) {
            long position = from;
            try {
                while (events.size() < max) {
                    if (offset >= segment.size) {
                        Segment following;
                        lock.lock();
                        try {
                            Map.Entry<Long, Segment> entry = segments.higherEntry(segment.first);
                            following = entry == null ? null : entry.getValue();
                        } finally {
                            lock.unlock();
                        }
                        if (following == null || offset < segment.size) break;
                        switchTo(following, 0);
                        continue;
                    }
                    offset = segment.skipDamage(offset);
                    if (!fill(offset, Records.HEADER_BYTES)) break;
                    int at = (int) (offset - bufferStart);
                    int length = buffer.getInt(at + 4);
                    long recordPosition = buffer.getLong(at + 12);
                    if (buffer.getInt(at) != Records.MAGIC || length < 0 || length > Records.MAX_PAYLOAD_BYTES
                            || !fill(offset, Records.HEADER_BYTES + length)) {
                        throw new IOException("damaged record");
                    }
                    at = (int) (offset - bufferStart);
                    if (recordPosition >= until) break;
                    if (Records.crc(recordPosition, buffer.array(), at + Records.HEADER_BYTES, length) != buffer.getInt(at + 8)) {
                        throw new IOException("damaged record (checksum)");
                    }
                    if (recordPosition >= from) {
                        Event event = decodeOrSkip(at, length, recordPosition);
                        if (event != null) {
                            events.add(event);
                            positions.add(recordPosition);
                        }
                        position = recordPosition + 1;
                    }
                    offset += Records.HEADER_BYTES + length;
                }
                if (events.size() < max) position = Math.max(position, until);
            } catch (ClosedChannelException e) {
                // The reader was closed or its thread interrupted (the sink is closing): nothing was
                // read past {@code position}, so nothing is skipped.
                segment = null;
                resumeFrom = -1;
                return position;
            } catch (IOException e) {
                // Damage since start (or a failing disk): what is left of this segment is skipped.
                LOG.error("Journal read of {} failed at offset {}: {}; skipping the rest of it", segment, offset, e.toString());
                Segment damagedSegment = segment;
                lock.lock();
                try {
                    Map.Entry<Long, Segment> following = segments.higherEntry(damagedSegment.first);
                    position = following == null ? until : Math.max(position, following.getValue().first);
                } finally {
                    lock.unlock();
                }
                segment = null; // seek again next time
            }
            resumeFrom = position;
            return position;
        }

        /** A record whose checksum held but whose JSON does not parse is skipped alone, loudly. */
        private Event decodeOrSkip(int at, int length, long recordPosition) {
            try {
                return Records.decode(buffer.array(), at + Records.HEADER_BYTES, length);
            } catch (IOException e) {
                LOG.error("Journal record {} in {} is not a readable event and is skipped: {}", recordPosition, segment, e.toString());
                return null;
            }
        }

        /** Makes {@code [at, at + length)} of the segment readable in the buffer; false past its valid size. */
        private boolean fill(long at, int length) throws IOException {
            if (at + length > segment.size) return false;
            if (at >= bufferStart && at + length <= bufferStart + bufferLength) return true;
            if (channel == null) channel = FileChannel.open(segment.path, StandardOpenOption.READ);
            if (length > buffer.capacity()) buffer = ByteBuffer.allocate(Math.max(READ_BUFFER_BYTES, length)); // first, or an unusually large event
            buffer.clear();
            long want = Math.min(buffer.capacity(), segment.size - at);
            buffer.limit((int) want);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) break;
            }
            bufferStart = at;
            bufferLength = buffer.position();
            return bufferLength >= length;
        }

        private void closeChannel() {
            try {
                if (channel != null) channel.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
            channel = null;
        }

        @Override
        public void close() {
            closeChannel();
        }
    }

    // --- background: fsync, cursor positions, retention

    private void syncIfDue() {
        long interval = retention.fsyncMillis();
        if (!unsynced || interval == 0 || System.nanoTime() - lastSync < TimeUnit.MILLISECONDS.toNanos(interval)) return;
        FileChannel writer;
        lock.lock();
        try {
            writer = active.writer;
            unsynced = false;
        } finally {
            lock.unlock();
        }
        try {
            if (writer != null) writer.force(false); // outside the lock: appends go on meanwhile
        } catch (IOException e) {
            unsynced = true;
            LOG.warn("Journal fsync failed: {}", e.toString());
        }
        lastSync = System.nanoTime();
    }

    @Override
    protected void cursorsChanged() {
        cursorsDirty = true;
    }

    private void saveCursorsIfChanged() {
        Map<String, Object> saved = new LinkedHashMap<>();
        lock.lock();
        try {
            if (!cursorsDirty) return;
            cursorsDirty = false;
            cursors.forEach((name, state) -> saved.put(name,
                    Map.of("acknowledged", state.acknowledged, "evicted_unread", state.evictedUnread)));
        } finally {
            lock.unlock();
        }
        try {
            Path temp = directory.resolve(CURSORS_FILE + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(EventJson.toJson(saved).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                out.force(false); // before the rename: after a power loss the file is whole or the old one
            }
            Files.move(temp, directory.resolve(CURSORS_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            cursorsDirty = true;
            LOG.warn("Journal could not save cursor positions: {}", e.toString());
        }
    }

    private void loadCursors() throws IOException {
        Path file = directory.resolve(CURSORS_FILE);
        if (!Files.exists(file)) return;
        Map<?, ?> saved;
        try {
            saved = JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            LOG.warn("Journal cursor positions unreadable ({}); sinks start at the end", e.toString());
            return;
        }
        saved.forEach((name, value) -> {
            Map<?, ?> state = (Map<?, ?>) value;
            CursorState cursor = new CursorState(Math.min(end, ((Number) state.get("acknowledged")).longValue()));
            Object evicted = state.get("evicted_unread");
            cursor.evictedUnread = evicted instanceof Number n ? n.longValue() : 0;
            cursors.put(String.valueOf(name), cursor);
        });
    }

    @Override
    public void configure(Retention settings) {
        retention = settings;
        background.execute(this::applyRetention);
    }

    /** Deletes the oldest segments while the journal is too big or they are too old; never the active one. */
    private void applyRetention() {
        List<Segment> evicted = new ArrayList<>();
        lock.lock();
        try {
            long total = segments.values().stream().mapToLong(s -> s.size).sum();
            long oldest = System.currentTimeMillis() - retention.maxAgeMillis();
            while (segments.size() > 1) {
                Segment first = segments.firstEntry().getValue();
                if (total <= retention.maxBytes() && first.lastAppendMillis >= oldest) break;
                segments.pollFirstEntry();
                total -= first.size;
                evicted.add(first);
                Segment next = segments.firstEntry().getValue();
                start = Math.max(start, next.firstValid >= 0 ? next.firstValid : next.first);
            }
        } finally {
            lock.unlock();
        }
        for (Segment segment : evicted) {
            try {
                Files.deleteIfExists(segment.path);
                LOG.info("Journal evicted {} ({} events, {} bytes) by retention", segment, segment.records, segment.size);
            } catch (IOException e) {
                LOG.warn("Journal could not delete {}: {}", segment, e.toString());
            }
        }
    }

    // --- recovery

    /** Scans every segment, keeps every whole record, cuts a torn tail; says what it found. */
    private String recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "*.seg")) {
            found.forEach(files::add);
        }
        files.sort(null);
        List<String> damage = new ArrayList<>();
        long kept = 0;
        long last = -1;
        for (Path file : files) {
            Segment segment = new Segment(file, Long.parseLong(file.getFileName().toString().replace(".seg", "")));
            last = scan(segment, last, damage);
            kept += segment.records;
            segment.lastAppendMillis = Files.getLastModifiedTime(file).toMillis();
            segments.put(segment.first, segment);
        }
        Segment tail = segments.isEmpty() ? null : segments.lastEntry().getValue();
        end = Math.max(last + 1, tail == null ? 0 : tail.first);
        if (tail == null) {
            active = openSegment(0);
        } else {
            active = tail;
            active.writer = FileChannel.open(tail.path, StandardOpenOption.WRITE);
            if (active.writer.size() > tail.size) active.writer.truncate(tail.size); // the torn tail
        }
        Segment first = segments.firstEntry().getValue();
        start = first.firstValid >= 0 ? first.firstValid : end;
        String summary = kept + " events in " + segments.size() + " segment(s), positions " + start + " to " + (end - 1);
        if (damage.isEmpty()) return summary;
        damage.forEach(problem -> LOG.warn("Journal recovery: {}", problem));
        return summary + "; skipped " + String.join("; ", damage);
    }

    /** Reads one segment, indexing every valid record; returns the last valid position seen. */
    private static long scan(Segment segment, long previous, List<String> damage) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) return previous;
            MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            long offset = 0;
            long validEnd = 0;
            while (offset < size) {
                int length = Records.validLength(data, offset, size);
                if (length > 0 && Records.position(data, offset) > previous) {
                    previous = Records.position(data, offset);
                    segment.recorded(previous, offset);
                    offset += length;
                    validEnd = offset;
                    continue;
                }
                long resume = nextValid(data, offset + 1, size, previous);
                if (resume < 0) {
                    damage.add((size - offset) + " torn or damaged bytes at the end of " + segment + " (offset " + offset + ")");
                    break;
                }
                damage.add((resume - offset) + " damaged bytes in " + segment + " at offset " + offset);
                segment.markDamaged(offset, resume);
                offset = resume;
            }
            segment.size = validEnd;
            return previous;
        }
    }

    private static long nextValid(ByteBuffer data, long from, long size, long previous) {
        for (long offset = from; offset + Records.HEADER_BYTES <= size; offset++) {
            if (data.getInt((int) offset) == Records.MAGIC && Records.validLength(data, offset, size) > 0
                    && Records.position(data, offset) > previous) {
                return offset;
            }
        }
        return -1;
    }

    // --- status and shutdown

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        lock.lock();
        try {
            status.put("kind", "disk");
            status.put("directory", directory.toString());
            status.put("bytes", segments.values().stream().mapToLong(s -> s.size).sum());
            status.put("segments", segments.size());
            status.put("first_position", start);
            status.put("next_position", end);
            status.put("fsync_ms", retention.fsyncMillis());
            status.put("refused", refused);
            status.put("error", appendError == null ? "" : appendError);
            status.put("recovery", recovery);
        } finally {
            lock.unlock();
        }
        return status;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            cursorsDirty = true;
            active.closeWriter();
        } catch (IOException e) {
            LOG.warn("Journal could not close {}: {}", active, e.toString());
        } finally {
            lock.unlock();
        }
        saveCursorsIfChanged();
    }
}
