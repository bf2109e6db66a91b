package org.gluster.events.runtime.journal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;

/**
 * The ordered log every accepted event is appended to before any sink sees it; each sink reads it
 * through a named cursor whose acknowledged position outlives the sink.
 */
public interface Journal {

    /** Appends one accepted event; returns its position. */
    long append(Event event);

    /** Creates the named cursor at the current end if it does not exist yet; keeps it otherwise. */
    void register(String cursorName);

    /** Forgets the named cursor: its sink was removed for good. */
    void forget(String cursorName);

    /**
     * Opens the named cursor after its last acknowledged event (at the current end for a new name).
     * Each poll applies the filter {@code filters} gives once there are events to read (after any
     * wait for them) to every event it reads; while {@code filters} gives null (they are being
     * replaced), polls hand nothing out.
     */
    EventCursor open(String cursorName, Supplier<CursorFilter> filters);

    /** Closes the named cursor if it is open; its position is kept. Wakes a sink blocked in poll. */
    void close(String cursorName);

    /** What every cursor knows: name, pending, evicted unread. */
    List<CursorStatus> cursors();

    /** Position the next appended event gets. */
    long end();

    /** Applies the retention and durability settings of the events config. */
    void configure(Retention retention);

    /** What health shows of the journal: its kind, size, events held, errors. */
    Map<String, Object> status();

    /**
     * @param maxBytes   the oldest events are evicted beyond this size
     * @param maxAgeMillis events older than this are evicted
     * @param fsyncMillis how often appended events are forced to disk; 0 forces each one
     */
    record Retention(long maxBytes, long maxAgeMillis, long fsyncMillis) {
    }

    /**
     * @param oldestPendingMillis when the oldest event this cursor has not acknowledged was
     *                            received (epoch milliseconds), or 0 when nothing is pending
     * @param progressMillis      when its acknowledged position last moved, or it was last opened
     * @param readerDied          whether the thread that last polled it has ended while it is open:
     *                            its sink will not deliver again until it is reopened
     */
    record CursorStatus(String name, long acknowledged, long pending, long evictedUnread, boolean open,
                        long oldestPendingMillis, long progressMillis, boolean readerDied) {
    }
}
