package org.gluster.events.api;

import java.util.Map;

/**
 * A consumer of events, registered as an OSGi service. The runtime opens each sink with a cursor
 * into the journal, named by {@link #name()}: the sink reads events in order, delivers them, and
 * acknowledges them; the runtime keeps the acknowledged position, so a sink that is closed (eventing
 * stopped, bundle updated, config changed) and opened again resumes after its last acknowledged
 * event. A slow or dead sink never slows another: each reads at its own cursor.
 */
public interface EventSink {

    /**
     * The name the sink's position is kept under: stable across restarts and bundle updates, unique
     * among sinks, for example {@code webhook:http://host:9000/listen}.
     */
    String name();

    /** Starts delivering from the cursor on the sink's own thread(s); returns at once. */
    void open(EventCursor cursor);

    /**
     * Stops delivering and returns within a few seconds; events taken but not acknowledged are read
     * again by the next cursor opened under the same name.
     */
    void close();

    /**
     * What status and health show of this sink besides its cursor (pending, oldest pending age):
     * for example its last error and dead letters. Keys in snake_case, values JSON values; never a
     * secret. Called from other threads than the sink's own. A sink that leaves events
     * unacknowledged on purpose (to serve them again after a restart) reports its own
     * {@code pending} and {@code oldest_pending_seconds}, which replace the cursor's; with
     * {@code pending} 0 it is never shown as stalled.
     *
     * @since 1.1
     */
    default Map<String, Object> status() {
        return Map.of();
    }

    /**
     * Whether this sink also reads the events other nodes relayed to this one (the whole cluster's
     * events), or only those first received here. Only a sink that serves the whole cluster's events
     * to local clients wants them (the WebSocket sink); a webhook gets each event once, from its own
     * node.
     *
     * @since 1.2
     */
    default boolean receivesRelayed() {
        return false;
    }
}
