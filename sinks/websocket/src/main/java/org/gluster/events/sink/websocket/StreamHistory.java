package org.gluster.events.sink.websocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gluster.events.api.Event;

/**
 * The recent part of the cluster's stream as this node received it, ready to send: one frame per
 * event, numbered in arrival order, bounded by count and by bytes (the oldest go first). Every
 * client reads it at its own place, so a slow client costs no memory of its own, and a client that
 * resumes reads its missed events from here.
 */
final class StreamHistory {
    /** One event as sent: its frame, and what a resuming client is compared on. */
    record Entry(long origin, long[] id, String name, byte[] frame, int positionStart, int positionEnd) {
        /** The position after this event, as written in its frame. */
        ResumePosition position() {
            return ResumePosition.parse(new String(frame, positionStart, positionEnd - positionStart, StandardCharsets.US_ASCII));
        }

        /** This frame with another position in its {@code id}. */
        byte[] frameWith(ResumePosition position) {
            byte[] text = position.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] copy = new byte[frame.length - (positionEnd - positionStart) + text.length];
            System.arraycopy(frame, 0, copy, 0, positionStart);
            System.arraycopy(text, 0, copy, positionStart, text.length);
            System.arraycopy(frame, positionEnd, copy, positionStart + text.length, frame.length - positionEnd);
            return copy;
        }
    }

    /** Where a resuming client starts, and whether events it missed are gone already. */
    record Start(long sequence, boolean gap) {
    }

    private final Entry[] slots;
    private final long maxBytes;
    private final ResumePosition position = new ResumePosition();
    private final Map<String, Long> originKeys = new HashMap<>();
    /** Sequence of the oldest entry held, and of the next one appended; guarded by this. */
    private long head;
    private long tail;
    private long bytes;
    private long duplicates;

    StreamHistory(int maxEvents, long maxBytes) {
        this.slots = new Entry[Math.max(1, maxEvents)];
        this.maxBytes = maxBytes;
    }

    /**
     * Adds an event at the end, unless it is not newer than the last one of its origin (a peer's
     * retry, or an event read again after a restart): those are skipped and counted.
     *
     * @return whether it was added
     */
    synchronized boolean append(Event event) {
        long origin = originKeys.computeIfAbsent(event.nodeId(), ResumePosition::originKey);
        long[] id = ResumePosition.idBits(event.id());
        if (!position.advance(origin, id)) {
            duplicates++;
            return false;
        }
        String json = event.toJson();
        int split = json.indexOf(", \"message\": ");
        String beforeId = json.substring(0, split) + ", \"id\": \"";
        String positionText = position.toString();
        byte[] frame = (beforeId + positionText + "\"" + json.substring(split)).getBytes(StandardCharsets.UTF_8);
        int start = beforeId.getBytes(StandardCharsets.UTF_8).length;
        if (tail - head == slots.length) evictOldest();
        slots[(int) (tail % slots.length)] = new Entry(origin, id, event.name(), frame, start, start + positionText.length());
        tail++;
        bytes += frame.length;
        while (bytes > maxBytes && tail - head > 1) evictOldest();
        return true;
    }

    private void evictOldest() {
        int slot = (int) (head % slots.length);
        bytes -= slots[slot].frame().length;
        slots[slot] = null;
        head++;
    }

    /** Sequence of the next event appended. */
    synchronized long tail() {
        return tail;
    }

    synchronized long head() {
        return head;
    }

    /** The sequence {@code count} events before the end, or of the oldest one held if that is later. */
    synchronized long recentStart(int count) {
        return Math.max(head, tail - count);
    }

    /** When the event at {@code sequence} was first received (from its id), or 0 when it is not held. */
    synchronized long receivedMillisAt(long sequence) {
        if (sequence < head || sequence >= tail) return 0;
        return ResumePosition.millisOf(slots[(int) (sequence % slots.length)].id());
    }

    /**
     * Adds up to {@code max} entries from {@code from} on to {@code out}.
     *
     * @return the sequence after the last one added; -1 when {@code from} is gone already
     */
    synchronized long read(long from, int max, List<Entry> out) {
        if (from < head) return -1;
        long next = from;
        while (next < tail && out.size() < max) out.add(slots[(int) (next++ % slots.length)]);
        return next;
    }

    /** The position after the newest event: where a client that wants only new events starts. */
    synchronized ResumePosition position() {
        return position.copy();
    }

    /**
     * Where a client that has seen everything up to {@code seen} starts: the oldest held event newer
     * than {@code seen} for its origin. Origins {@code seen} does not know (a node that joined since)
     * are sent from {@code seen}'s newest time on; {@code seen} is completed with them.
     */
    synchronized Start startAfter(ResumePosition seen) {
        long newestMillis = 0;
        for (long[] id : seen.entries().values()) newestMillis = Math.max(newestMillis, ResumePosition.millisOf(id));
        for (Long origin : position.entries().keySet()) {
            if (seen.newest(origin) == null) seen.advance(origin, ResumePosition.idAt(newestMillis));
        }
        Set<Long> found = new HashSet<>();
        Set<Long> unseen = new HashSet<>();
        long start = tail;
        for (long sequence = tail - 1; sequence >= head && found.size() < seen.entries().size(); sequence--) {
            Entry entry = slots[(int) (sequence % slots.length)];
            if (found.contains(entry.origin())) continue;
            if (seen.covers(entry.origin(), entry.id())) {
                found.add(entry.origin());
            } else {
                start = sequence;
                unseen.add(entry.origin());
            }
        }
        // The scan reached the oldest event held without meeting the last one seen of an origin that
        // has newer ones here: the events between may have been evicted.
        unseen.removeAll(found);
        boolean gap = head > 0 && start == head && !unseen.isEmpty();
        return new Start(start, gap);
    }

    synchronized Map<String, Object> status() {
        return Map.of("history_events", tail - head, "history_bytes", bytes, "history_oldest", head, "duplicates_skipped", duplicates);
    }
}
