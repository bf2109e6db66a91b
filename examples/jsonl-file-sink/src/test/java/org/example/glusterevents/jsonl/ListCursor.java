package org.example.glusterevents.jsonl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;

/**
 * A cursor over a list, as the runtime's journal behaves for one sink: events in order, the
 * acknowledged position kept; a cursor opened again ({@link #reopen()}) starts after it.
 */
final class ListCursor implements EventCursor {
    private final List<Event> events;
    private final Consumer<Event> onAcknowledge;
    private int taken;
    private int acknowledged;
    private volatile boolean closed;

    ListCursor(List<Event> events) {
        this(events, event -> { });
    }

    /** {@code onAcknowledge} runs in the sink's thread, when the sink acknowledges an event. */
    ListCursor(List<Event> events, Consumer<Event> onAcknowledge) {
        this(new ArrayList<>(events), 0, onAcknowledge);
    }

    private ListCursor(List<Event> events, int acknowledged, Consumer<Event> onAcknowledge) {
        this.events = events;
        this.taken = acknowledged;
        this.acknowledged = acknowledged;
        this.onAcknowledge = onAcknowledge;
    }

    synchronized void add(List<Event> more) {
        events.addAll(more);
        notifyAll();
    }

    @Override
    public synchronized List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (taken == events.size() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return List.of();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) return List.of();
        List<Event> batch = List.copyOf(events.subList(taken, Math.min(events.size(), taken + max)));
        taken += batch.size();
        return batch;
    }

    @Override
    public void acknowledge(Event event) {
        onAcknowledge.accept(event);
        synchronized (this) {
            int index = -1;
            for (int i = acknowledged; i < taken; i++) {
                if (events.get(i) == event) index = i;
            }
            if (index < 0) throw new IllegalStateException("acknowledged an event not taken: " + event);
            acknowledged = index + 1;
            notifyAll();
        }
    }

    @Override
    public synchronized long pending() {
        return events.size() - acknowledged;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized int acknowledged() {
        return acknowledged;
    }

    /** Waits until {@code count} events are acknowledged; whether they were within the time. */
    synchronized boolean awaitAcknowledged(int count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (acknowledged < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** This cursor closed, and a new one over the same events after the acknowledged position. */
    synchronized ListCursor reopen() {
        close();
        return new ListCursor(events, acknowledged, onAcknowledge);
    }
}
