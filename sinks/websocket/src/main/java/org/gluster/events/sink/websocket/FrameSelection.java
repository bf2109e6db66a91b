package org.gluster.events.sink.websocket;

import org.gluster.events.api.EventPatterns;

/**
 * Which frames of the history one client gets, and with which {@code id}: the names it asked for
 * ({@code events=}), and — for a client that resumed with the position it reached on another node —
 * none it saw there, each carrying a position that also covers what it saw there, until this
 * node's stream has passed all of it.
 */
final class FrameSelection {
    private final EventPatterns events;
    /** What the client saw elsewhere that this node's stream has not passed yet; null once passed. */
    private ResumePosition seen;

    /**
     * @param seen   the position the client resumes from, or null
     * @param events the names it wants, or null for all
     */
    FrameSelection(ResumePosition seen, EventPatterns events) {
        this.seen = seen;
        this.events = events;
    }

    /** The frame to send for {@code entry}, or null when this client skips it. Called for each entry in order. */
    byte[] frameFor(StreamHistory.Entry entry) {
        if (seen != null && seen.covers(entry.origin(), entry.id())) return null;
        boolean wanted = events == null || events.test(entry.name());
        if (seen == null) return wanted ? entry.frame() : null;
        ResumePosition here = entry.position();
        if (here.dominates(seen)) {
            seen = null;
            return wanted ? entry.frame() : null;
        }
        return wanted ? entry.frameWith(here.max(seen)) : null;
    }
}
