package org.gluster.events.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.gluster.events.api.codec.EventJson;

/**
 * One Gluster event, immutable.
 *
 * <p>A decoder creates it with only {@code ts}, {@code name} and {@code message}; the runtime then
 * gives it its cluster-unique {@code id} and the {@code nodeId} of the node that received it
 * ({@link #received(String, String)}). {@link #toJson()} is exactly the body existing consumers parse.
 */
public final class Event {
    private final String id;
    private final String nodeId;
    private final long ts;
    private final String name;
    private final Map<String, Object> message;
    private final boolean relayed;

    private Event(String id, String nodeId, long ts, String name, Map<String, Object> message, boolean relayed) {
        this.id = id;
        this.nodeId = nodeId;
        this.ts = ts;
        this.name = Objects.requireNonNull(name, "name");
        this.message = Collections.unmodifiableMap(new LinkedHashMap<>(message));
        this.relayed = relayed;
    }

    /** A freshly decoded event, not yet received by any node. */
    public static Event of(long ts, String name, Map<String, Object> message) {
        return new Event(null, null, ts, name, message, false);
    }

    /** A complete event, as read back from a journal or a peer. */
    public static Event of(String id, String nodeId, long ts, String name, Map<String, Object> message, boolean relayed) {
        return new Event(id, nodeId, ts, name, message, relayed);
    }

    /** This event as received on a node: with its id and the node's id. */
    public Event received(String eventId, String receivingNodeId) {
        return new Event(eventId, receivingNodeId, ts, name, message, relayed);
    }

    /** This event with another message, as a filter or conversion rewrites it. */
    public Event withMessage(Map<String, Object> newMessage) {
        return new Event(id, nodeId, ts, name, newMessage, relayed);
    }

    /** This event as it arrives from another node: never relayed again, never sent to webhooks. */
    public Event asRelayed() {
        return new Event(id, nodeId, ts, name, message, true);
    }

    /** Time-ordered id, unique across the cluster; null until the runtime received the event. */
    public String id() { return id; }

    /**
     * When the first node received this event, in epoch milliseconds, read from its id (a UUID
     * version 7 starts with them); 0 when the event has no such id yet.
     *
     * @since 1.1
     */
    public long receivedMillis() {
        if (id == null || id.length() != 36 || id.charAt(14) != '7') return 0;
        long millis = 0;
        for (int i = 0; i < 13; i++) {
            if (i == 8) continue; // the dash between the first two groups
            int digit = Character.digit(id.charAt(i), 16);
            if (digit < 0) return 0;
            millis = millis << 4 | digit;
        }
        return millis;
    }

    /** The UUID of the node whose daemon first received the event; null until then. */
    public String nodeId() { return nodeId; }

    /** Seconds since the epoch, as the producer stamped it. */
    public long ts() { return ts; }

    /** The type name without the {@code EVENT_} prefix, for example {@code VOLUME_CREATE}. */
    public String name() { return name; }

    /** The attributes, in the order the producer sent them; values are JSON values. */
    public Map<String, Object> message() { return message; }

    /** Whether this event came from a peer rather than from a producer on this node. */
    public boolean relayed() { return relayed; }

    /** The JSON body of PROTOCOL §2a: keys sorted, Python's separators, non-ASCII escaped. */
    public String toJson() {
        return EventJson.toJson(this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Event)) return false;
        Event e = (Event) o;
        return ts == e.ts && relayed == e.relayed && Objects.equals(id, e.id) && Objects.equals(nodeId, e.nodeId)
                && name.equals(e.name) && message.equals(e.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, nodeId, ts, name, message, relayed);
    }

    @Override
    public String toString() {
        return (id == null ? "" : id + " ") + toJson();
    }
}
