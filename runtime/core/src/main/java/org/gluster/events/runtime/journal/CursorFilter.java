package org.gluster.events.runtime.journal;

import org.gluster.events.api.Event;

/** What one cursor runs each event it reads through before handing it out: its sink's filter chain. */
@FunctionalInterface
public interface CursorFilter {

    /** Hands every event out as it is. */
    CursorFilter NONE = event -> event;

    /** @return the event to hand out (itself or a rewritten copy), or null to skip it; never throws */
    Event apply(Event event);
}
