package org.gluster.events.api;

/**
 * A global filter, registered as an OSGi service; the runtime applies every filter, in order of
 * {@code service.ranking} (highest first), to each event before sinks see it.
 * Filters are pure and fast: they run on the delivery path.
 */
public interface EventFilter {

    /** @return the event to pass on (itself or a rewritten copy), or null to drop it */
    Event apply(Event event);
}
