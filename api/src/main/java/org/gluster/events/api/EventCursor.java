package org.gluster.events.api;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sink's position in the journal. Events come in the order they were accepted, after the
 * global filters; only the sink that opened the cursor uses it, from one thread at a time.
 */
public interface EventCursor {

    /**
     * The next events after the last one taken, waiting up to {@code timeout} for the first.
     *
     * @return between 0 (timed out, or the cursor was closed) and {@code max} events
     */
    List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException;

    /** Everything taken up to and including {@code event} is delivered and is never read again. */
    void acknowledge(Event event);

    /** How many accepted events this sink has not acknowledged yet. */
    long pending();

    /** Whether the runtime closed this cursor; a sink's loop ends when it is. */
    boolean isClosed();
}
