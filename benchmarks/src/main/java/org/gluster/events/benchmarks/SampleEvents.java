package org.gluster.events.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventTypes;
import org.gluster.events.api.codec.AttributeConversions;
import org.gluster.events.api.codec.EventJson;

/**
 * Events as Gluster sends them, for the benchmarks: what glusterd reports when a brick process goes
 * away ({@code BRICK_DISCONNECTED}), creates a volume ({@code VOLUME_CREATE}) and sets volume options
 * ({@code VOLUME_SET}, whose {@code options} the daemon converts into pairs). "Decoded" events carry the
 * raw attribute text, as a decoder makes them; "received" ones have been converted and stamped with an
 * id and node id, as the journal, the filters and the sinks see them.
 */
public final class SampleEvents {
    /** The producer's time stamp, seconds. */
    public static final long TS = 1_795_462_277L;
    /** When the events were received, epoch milliseconds (their ids say so). */
    public static final long RECEIVED_MILLIS = TS * 1000 + 42;
    public static final String NODE_ID = "8f4e2c1a-6b3d-4e7f-9a0c-5d2b7e1f3a69";
    /** The names {@link #decoded(String)} knows. */
    public static final String BRICK_DISCONNECTED = "BRICK_DISCONNECTED";
    public static final String VOLUME_CREATE = "VOLUME_CREATE";
    public static final String VOLUME_SET = "VOLUME_SET";

    private SampleEvents() {
    }

    /** The event {@code name} as a decoder makes it: raw text attributes, no id yet. */
    public static Event decoded(String name) {
        return switch (name) {
            case BRICK_DISCONNECTED -> Event.of(TS, name, brickAttributes(0));
            case VOLUME_CREATE -> Event.of(TS, name, Map.of("name", "gv1"));
            case VOLUME_SET -> Event.of(TS, name, attributes("name", "gv1",
                    "options", "performance.readdir-ahead,on,cluster.quorum-type,auto,features.shard,enable,"));
            default -> throw new IllegalArgumentException("no sample event " + name);
        };
    }

    /** The event {@code name} as received on a node: converted, with an id and this node's id. */
    public static Event received(String name) {
        return AttributeConversions.apply(decoded(name)).received(id(RECEIVED_MILLIS, 0), NODE_ID);
    }

    /** BRICK_DISCONNECTED as received, the {@code seq}th of a burst within one millisecond: its message and id differ from the others'. */
    public static Event brickDisconnected(int seq) {
        Map<String, Object> message = brickAttributes(0);
        message.put("seq", Integer.toString(seq));
        return Event.of(TS, BRICK_DISCONNECTED, message).received(id(RECEIVED_MILLIS, seq), NODE_ID);
    }

    /**
     * A UUID version 7 as the daemon makes them: {@code millis}, then a counter; ids of one node made in
     * order compare in order for {@code counter} below 2^12 (beyond, the next milliseconds are borrowed).
     */
    public static String id(long millis, int counter) {
        long high = ((millis + (counter >>> 12)) << 16) | 0x7000L | (counter & 0xfff);
        return new UUID(high, 0x9d3c_51a7_2e4b_6f08L).toString();
    }

    /**
     * The UDP datagram text of PROTOCOL §1a for BRICK_DISCONNECTED, with an extra attribute of
     * {@code padding} bytes when it is not 0 (an event that carries a long value, such as an error text).
     */
    public static String udpText(int padding) {
        StringBuilder text = new StringBuilder().append(TS).append(' ').append(EventTypes.byName(BRICK_DISCONNECTED).orElseThrow().code())
                .append(' ');
        brickAttributes(padding).forEach((key, value) -> text.append(key).append('=').append(value).append(';'));
        text.setLength(text.length() - 1);
        return text.toString();
    }

    /** The same event in the JSON input form: {@code {"event": ..., "ts": ..., "message": {...}}}. */
    public static String json(int padding) {
        return EventJson.toJson(attributes("event", BRICK_DISCONNECTED, "ts", TS, "message", brickAttributes(padding)));
    }

    private static Map<String, Object> brickAttributes(int padding) {
        Map<String, Object> message = attributes("peer", "10.70.35.12:49152", "volume", "gv1", "brick", "/bricks/gv1/brick1");
        if (padding > 0) message.put("detail", "x".repeat(padding));
        return message;
    }

    private static Map<String, Object> attributes(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }
}
