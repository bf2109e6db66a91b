package org.gluster.events.api;

/**
 * A producer of events, registered as an OSGi service. The runtime starts every registered source
 * while eventing is on and stops it when eventing is stopped or the source goes away.
 *
 * <p>Bad input never escapes a source as an exception: it goes to {@link EventEmitter#reject}.
 */
public interface EventSource {

    /** A short name for status and logs, for example {@code udp}. */
    String name();

    /**
     * Starts receiving on the source's own threads and returns at once.
     *
     * @throws Exception if the source cannot start (for example its port is taken); the runtime logs
     *                   it, shows it in status and retries
     */
    void start(EventEmitter emitter) throws Exception;

    /** Stops receiving and releases the source's sockets and threads; returns within a second. */
    void stop();
}
