package org.gluster.events.runtime.journal;

import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;

/**
 * A journal held in memory: a ring of the last {@code capacity} events, lost when the daemon stops.
 * When the ring is full the oldest event is evicted; a cursor that had not read it counts it as
 * evicted unread. Used where durability is not wanted (measuring what the disk journal costs).
 */
public final class MemoryJournal extends AbstractJournal {
    private final Event[] ring;

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
            signalAppended();
            return position;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected Reader newReader() {
        return new Reader() {
            @Override
            public long read(long from, long until, int max, List<Event> events, List<Long> positions) {
                lock.lock();
                try {
                    long position = Math.max(from, start); // what was evicted since is gone
                    for (; position < until && events.size() < max; position++) {
                        events.add(ring[(int) (position % ring.length)]);
                        positions.add(position);
                    }
                    return position;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    protected Event firstFrom(long position) {
        lock.lock();
        try {
            long first = Math.max(position, start);
            return first < end ? ring[(int) (first % ring.length)] : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void configure(Retention retention) {
        // The ring's capacity is its only limit.
    }

    @Override
    public Map<String, Object> status() {
        lock.lock();
        try {
            return Map.of("kind", "memory", "events", end - start, "capacity", ring.length);
        } finally {
            lock.unlock();
        }
    }
}
