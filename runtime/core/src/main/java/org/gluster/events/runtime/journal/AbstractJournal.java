package org.gluster.events.runtime.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every journal shares: named cursors, their acknowledged positions, the filter each applies,
 * eviction counting, and waking readers when events are appended. A storage subclass keeps the
 * events between {@link #start} and {@link #end} and reads them back through a {@link Reader}.
 * Positions grow by one per appended event; after damage was skipped on recovery some are missing.
 */
abstract class AbstractJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractJournal.class);
    /** How long a poll waits while the filters are being replaced. */
    private static final long HELD_POLL_MILLIS = 20;

    protected final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    /** By name; guarded by {@link #lock}. */
    protected final Map<String, CursorState> cursors = new LinkedHashMap<>();
    /** Position of the oldest event still held; guarded by {@link #lock}. */
    protected long start;
    /** Position the next appended event gets; guarded by {@link #lock}. */
    protected long end;

    /** Reads stored events back for one cursor; used by that cursor's thread only, outside the lock. */
    interface Reader extends AutoCloseable {
        /**
         * Adds up to {@code max} events with positions in {@code [from, until)}, in order, to
         * {@code events} and their positions to {@code positions}.
         *
         * @return the position to read next: after the last event added, or {@code until} when none was left
         */
        long read(long from, long until, int max, List<Event> events, List<Long> positions);

        @Override
        void close();
    }

    protected abstract Reader newReader();

    /** The event at {@code position} or the next one held, or null; for status only. */
    protected abstract Event firstFrom(long position);

    /** Called under the lock whenever an acknowledged position or the set of cursors changed. */
    protected void cursorsChanged() {
    }

    /** Wakes every cursor waiting for events; the caller holds the lock. */
    protected final void signalAppended() {
        appended.signalAll();
    }

    @Override
    public void register(String cursorName) {
        lock.lock();
        try {
            if (cursors.putIfAbsent(cursorName, new CursorState(end)) == null) cursorsChanged();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forget(String cursorName) {
        lock.lock();
        try {
            CursorState state = cursors.remove(cursorName);
            if (state != null && state.open != null) state.open.markClosed();
            cursorsChanged();
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EventCursor open(String cursorName, Supplier<CursorFilter> filters) {
        lock.lock();
        try {
            CursorState state = cursors.computeIfAbsent(cursorName, name -> new CursorState(end));
            if (state.open != null) state.open.markClosed();
            state.open = new Cursor(cursorName, state, filters, newReader());
            state.progressMillis = System.currentTimeMillis();
            cursorsChanged();
            appended.signalAll();
            return state.open;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close(String cursorName) {
        lock.lock();
        try {
            CursorState state = cursors.get(cursorName);
            if (state != null && state.open != null) {
                state.open.markClosed();
                state.open = null;
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<CursorStatus> cursors() {
        List<CursorStatus> list = new ArrayList<>();
        List<long[]> oldest = new ArrayList<>();
        lock.lock();
        try {
            cursors.forEach((name, state) -> {
                Cursor open = state.open != null && !state.open.closed ? state.open : null;
                list.add(new CursorStatus(name, state.acknowledged, Math.max(0, end - Math.max(state.acknowledged, start)),
                        state.evictedUnread, open != null, 0, state.progressMillis, open != null && open.readerDied()));
                oldest.add(new long[] {Math.max(state.acknowledged, start), end});
            });
        } finally {
            lock.unlock();
        }
        // Looking the oldest pending event up may read the disk: outside the lock.
        for (int i = 0; i < list.size(); i++) {
            long[] range = oldest.get(i);
            Event first = range[0] < range[1] ? firstFrom(range[0]) : null;
            if (first != null) {
                CursorStatus s = list.get(i);
                list.set(i, new CursorStatus(s.name(), s.acknowledged(), s.pending(), s.evictedUnread(), s.open(),
                        first.receivedMillis(), s.progressMillis(), s.readerDied()));
            }
        }
        return list;
    }

    @Override
    public long end() {
        lock.lock();
        try {
            return end;
        } finally {
            lock.unlock();
        }
    }

    /** What outlives an open cursor: the acknowledged position and what it lost to eviction. */
    protected static final class CursorState {
        long acknowledged;
        long evictedUnread;
        /** When the acknowledged position last moved, or the cursor was last opened. */
        long progressMillis = System.currentTimeMillis();
        Cursor open;

        CursorState(long acknowledged) {
            this.acknowledged = acknowledged;
        }
    }

    private final class Cursor implements EventCursor {
        private final String name;
        private final CursorState state;
        private final Supplier<CursorFilter> filters;
        private final Reader reader;
        /** The thread that polled last: when it died, the sink stopped delivering for good. */
        private volatile Thread pollingThread;
        /** Events handed out and not yet acknowledged, with their positions. */
        private final ArrayDeque<Event> taken = new ArrayDeque<>();
        private final ArrayDeque<Long> takenPositions = new ArrayDeque<>();
        private long next;
        private volatile boolean closed;

        Cursor(String name, CursorState state, Supplier<CursorFilter> filters, Reader reader) {
            this.name = name;
            this.state = state;
            this.filters = filters;
            this.reader = reader;
            this.next = state.acknowledged;
        }

        @Override
        public List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException {
            pollingThread = Thread.currentThread();
            long until;
            lock.lockInterruptibly();
            try {
                long nanos = unit.toNanos(timeout);
                while (!closed && next >= end && nanos > 0) nanos = appended.awaitNanos(nanos);
                if (closed) return Collections.emptyList();
                skipEvicted();
                until = end;
            } finally {
                lock.unlock();
            }
            // The filters in force now that the events are there, not those of when the wait began.
            CursorFilter filter = filters.get();
            if (filter == null) {
                // The filters are being replaced: nothing is handed out until they are all in place,
                // so each event meets either the old filters or the new ones, never none.
                if (next < until) Thread.sleep(Math.min(unit.toMillis(timeout), HELD_POLL_MILLIS));
                return Collections.emptyList();
            }
            // Sized to what is there: a sink that keeps up polls one event at a time.
            int expected = (int) Math.min(Math.min(max, 1024), Math.max(1, until - next));
            List<Event> read = new ArrayList<>(expected);
            List<Long> positions = new ArrayList<>(expected);
            long after = reader.read(next, until, max, read, positions);
            Event[] filtered = filter.applyAll(read);
            next = after;
            List<Event> passed = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                Event event = filtered[i];
                if (event == null) continue;
                passed.add(event);
                taken.add(event);
                takenPositions.add(positions.get(i));
            }
            // Nothing handed out is waiting: what was read (and dropped, or missing) is delivered.
            if (taken.isEmpty()) advanceAcknowledged(next);
            return passed;
        }

        /** Events evicted before this cursor read them are counted once and skipped; under the lock. */
        private void skipEvicted() {
            if (next >= start) return;
            long lost = start - next;
            state.evictedUnread += lost;
            LOG.warn("Sink {} lost {} events evicted from the journal before it read them", name, lost);
            next = start;
            taken.clear();
            takenPositions.clear();
            if (state.acknowledged < start) state.acknowledged = start;
            cursorsChanged();
        }

        @Override
        public void acknowledge(Event event) {
            long position = -1;
            while (!taken.isEmpty()) {
                Event head = taken.poll();
                position = takenPositions.poll();
                if (head == event) break;
            }
            if (position < 0) return;
            // Events the filters dropped between this one and the next taken one are delivered too.
            advanceAcknowledged(taken.isEmpty() ? next : takenPositions.peek());
        }

        private void advanceAcknowledged(long position) {
            lock.lock();
            try {
                if (!closed && position > state.acknowledged) {
                    state.acknowledged = position;
                    state.progressMillis = System.currentTimeMillis();
                    cursorsChanged();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long pending() {
            lock.lock();
            try {
                return Math.max(0, end - Math.max(state.acknowledged, start));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        boolean readerDied() {
            Thread thread = pollingThread;
            return thread != null && !thread.isAlive();
        }

        /** Under the lock. A read in progress on the sink's thread may then fail: it returns what it has. */
        void markClosed() {
            closed = true;
            reader.close();
        }

        @Override
        public String toString() {
            return "cursor " + name;
        }
    }
}
