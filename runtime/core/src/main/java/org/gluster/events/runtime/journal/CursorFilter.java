package org.gluster.events.runtime.journal;

import java.util.List;

import org.gluster.events.api.Event;

/** What one cursor runs each event it reads through before handing it out: its sink's filter chain. */
@FunctionalInterface
public interface CursorFilter {

    /** Hands every event out as it is. */
    CursorFilter NONE = event -> event;

    /** @return the event to hand out (itself or a rewritten copy), or null to skip it; never throws */
    Event apply(Event event);

    /**
     * Filters a batch in order: one entry per event, null where it is skipped.
     *
     * @throws InterruptedException if the cursor's thread was interrupted (it is closing): nothing
     *                              of the batch counts as read
     */
    default Event[] applyAll(List<Event> events) throws InterruptedException {
        Event[] out = new Event[events.size()];
        for (int i = 0; i < out.length; i++) out[i] = apply(events.get(i));
        return out;
    }
}
