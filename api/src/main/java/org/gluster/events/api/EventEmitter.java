package org.gluster.events.api;

/**
 * What the runtime gives each {@link EventSource}: the way into the pipeline.
 * Both methods return quickly and never throw; a source may call them from any thread.
 */
public interface EventEmitter {

    /**
     * Hands one decoded event to the runtime, which stamps it with its id and node id, converts its
     * attributes and appends it to the journal.
     *
     * @return true once the event is accepted (in the journal); false if the runtime cannot accept it
     *         now (eventing stopped, journal unwritable): the event is counted as rejected
     */
    boolean emit(Event event);

    /**
     * Reports one input the source could not decode. The runtime counts it per reason and logs it,
     * rate-limited; the source drops it and goes on.
     *
     * @param reason a short, stable reason such as {@code unknown-type} or {@code not-utf8}
     * @param detail what was wrong, for the log; never a secret
     */
    void reject(String reason, String detail);
}
