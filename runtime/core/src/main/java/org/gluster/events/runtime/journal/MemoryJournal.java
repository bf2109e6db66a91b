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
import org.gluster.events.api.EventFilter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal held in memory: a ring of the last {@code capacity} events. When the ring is full the
 * oldest event is evicted; a cursor that had not read it counts it as evicted unread and logs it.
 */
@Component(service = Journal.class)
public final class MemoryJournal implements Journal {
    /** Framework property: how many events the ring holds. */
    public static final String CAPACITY_PROPERTY = "glustereventsd.journal.capacity";
    private static final int DEFAULT_CAPACITY = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryJournal.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Event[] ring;
    private final Map<String, CursorState> cursors = new LinkedHashMap<>();
    /** Position of the oldest event still held. */
    private long start;
    /** Position the next event gets. */
    private long end;

    @Activate
    public MemoryJournal(BundleContext context) {
        this(capacity(context.getProperty(CAPACITY_PROPERTY)));
    }

    private static int capacity(String configured) {
        return configured == null || configured.isBlank() ? DEFAULT_CAPACITY : Integer.parseInt(configured.trim());
    }

    public MemoryJournal(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.ring = new Event[capacity];
    }

    @Override
    public long append(Event event) {
        lock.lock();
        try {
            if (end - start == ring.length) start++;
            long position = end++;
            ring[(int) (position % ring.length)] = event;
            appended.signalAll();
            return position;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void register(String cursorName) {
        lock.lock();
        try {
            cursors.computeIfAbsent(cursorName, name -> new CursorState(end));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forget(String cursorName) {
        lock.lock();
        try {
            CursorState state = cursors.remove(cursorName);
            if (state != null && state.open != null) state.open.closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EventCursor open(String cursorName, Supplier<List<EventFilter>> filters) {
        lock.lock();
        try {
            CursorState state = cursors.computeIfAbsent(cursorName, name -> new CursorState(end));
            if (state.open != null) state.open.closed = true;
            state.open = new Cursor(cursorName, state, filters);
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
                state.open.closed = true;
                state.open = null;
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<CursorStatus> cursors() {
        lock.lock();
        try {
            List<CursorStatus> list = new ArrayList<>();
            cursors.forEach((name, state) -> {
                long oldest = Math.max(state.acknowledged, start);
                long oldestMillis = oldest < end ? ring[(int) (oldest % ring.length)].receivedMillis() : 0;
                list.add(new CursorStatus(name, state.acknowledged, end - state.acknowledged, state.evictedUnread,
                        state.open != null && !state.open.closed, oldestMillis));
            });
            return list;
        } finally {
            lock.unlock();
        }
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

    /** What outlives an open cursor: the acknowledged position. */
    private static final class CursorState {
        long acknowledged;
        long evictedUnread;
        Cursor open;

        CursorState(long acknowledged) {
            this.acknowledged = acknowledged;
        }
    }

    private final class Cursor implements EventCursor {
        private final String name;
        private final CursorState state;
        private final Supplier<List<EventFilter>> filters;
        /** Events handed out and not yet acknowledged, with their positions. */
        private final ArrayDeque<Event> taken = new ArrayDeque<>();
        private final ArrayDeque<Long> takenPositions = new ArrayDeque<>();
        private long next;
        private volatile boolean closed;

        Cursor(String name, CursorState state, Supplier<List<EventFilter>> filters) {
            this.name = name;
            this.state = state;
            this.filters = filters;
            this.next = state.acknowledged;
        }

        @Override
        public List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException {
            List<Event> read = new ArrayList<>(Math.min(max, 1024));
            long[] positions;
            lock.lockInterruptibly();
            try {
                long nanos = unit.toNanos(timeout);
                while (!closed && next >= end && nanos > 0) nanos = appended.awaitNanos(nanos);
                if (closed) return Collections.emptyList();
                if (next < start) {
                    long lost = start - next;
                    state.evictedUnread += lost;
                    LOG.warn("Sink {} lost {} events evicted from the journal before it read them", name, lost);
                    next = start;
                    // Counted once: the lost events are no longer pending, nor counted again on reopen.
                    if (state.acknowledged < start) state.acknowledged = start;
                }
                int count = (int) Math.min(max, end - next);
                positions = new long[count];
                for (int i = 0; i < count; i++) {
                    positions[i] = next;
                    read.add(ring[(int) (next % ring.length)]);
                    next++;
                }
            } finally {
                lock.unlock();
            }
            List<Event> passed = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                Event event = applyFilters(read.get(i));
                if (event == null) continue;
                passed.add(event);
                taken.add(event);
                takenPositions.add(positions[i]);
            }
            if (taken.isEmpty() && !read.isEmpty()) advanceAcknowledged(next);
            return passed;
        }

        private Event applyFilters(Event event) {
            for (EventFilter filter : filters.get()) {
                try {
                    event = filter.apply(event);
                } catch (RuntimeException e) {
                    LOG.warn("Filter {} failed on event {}; the event passes unfiltered", filter, event.id(), e);
                }
                if (event == null) return null;
            }
            return event;
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
                if (!closed && position > state.acknowledged) state.acknowledged = position;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long pending() {
            lock.lock();
            try {
                return end - state.acknowledged;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public String toString() {
            return "cursor " + name;
        }
    }
}
