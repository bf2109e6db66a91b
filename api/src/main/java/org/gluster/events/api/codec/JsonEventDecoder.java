package org.gluster.events.api.codec;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;

/**
 * JSON input, one object: {@code event} (any name form, or the numeric wire code), optional
 * {@code ts} (seconds; the receive time if absent) and optional {@code message} (an object).
 * Other keys, such as {@code nodeid}, are ignored: the receiving node sets them.
 */
final class JsonEventDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEventDecoder() {
    }

    static Event decode(String text, long nowSeconds) throws MalformedEventException {
        Map<?, ?> object;
        try {
            object = MAPPER.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("bad-json", "not a JSON object: " + e.getOriginalMessage());
        }
        Object event = object.get("event");
        EventType type;
        if (event instanceof Number number) {
            // only an exact, in-range integer is a code: 2.5 or 2^32+2 must not wrap to 2
            double code = number.doubleValue();
            type = code == Math.rint(code) && code >= 0 && code < EventTypes.all().size()
                    ? EventTypes.byCode((int) code).orElse(null) : null;
        } else if (event instanceof String name) {
            type = EventTypes.byName(name).orElse(null);
        } else {
            throw new MalformedEventException("bad-json", "JSON event without an \"event\" name");
        }
        if (type == null) throw new MalformedEventException("unknown-type", "unknown event type " + event);

        Object ts = object.get("ts");
        long seconds;
        if (ts == null) seconds = nowSeconds;
        else if (ts instanceof Number number) seconds = number.longValue();
        else throw new MalformedEventException("bad-json", "\"ts\" is not a number: " + ts);

        Object message = object.get("message");
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (message instanceof Map<?, ?> map) {
            map.forEach((k, v) -> attributes.put(String.valueOf(k), v));
        } else if (message != null) {
            throw new MalformedEventException("bad-json", "\"message\" is not an object");
        }
        return Event.of(seconds, type.eventName(), attributes);
    }
}
