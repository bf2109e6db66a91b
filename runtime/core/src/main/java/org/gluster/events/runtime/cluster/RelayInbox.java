package org.gluster.events.runtime.cluster;

import java.util.List;

import org.gluster.events.api.Event;

/**
 * Where events relayed by a peer enter this node: journaled as they are (their origin's id and node
 * id kept), marked relayed, so that only the sinks that want the whole cluster's events (the
 * WebSocket clients) see them, and nothing relays them again.
 */
public interface RelayInbox {
    /**
     * Journals {@code events} in order; returns once they are journaled.
     *
     * @throws IllegalStateException when the journal refuses them (a full disk): the peer retries
     */
    void accept(List<Event> events);
}
