package org.gluster.events.sink.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;

/**
 * The body of {@code POST /v1/listen}: a JSON array of events, each the consumers' JSON
 * ({@code event, message, nodeid, ts}) plus its {@code id}, so the receiving node keeps the id and
 * origin the first node gave it.
 */
final class RelayBatch {
    /** Reads the {@code NaN} and {@code Infinity} that {@link EventJson} writes as Python does. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private RelayBatch() {
    }

    static String encode(List<Event> events) {
        StringBuilder body = new StringBuilder(events.size() * 256).append('[');
        for (Event event : events) {
            if (body.length() > 1) body.append(", ");
            String json = event.toJson();
            body.append("{\"id\": ").append(EventJson.toJson((Object) event.id())).append(", ").append(json, 1, json.length());
        }
        return body.append(']').toString();
    }

    /**
     * The events of a body, each marked relayed.
     *
     * @throws IllegalArgumentException naming what is wrong, when the body is not such an array
     */
    static List<Event> decode(String body) {
        List<?> items;
        try {
            items = JSON.readValue(body, List.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not a JSON array of events: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read: " + e.getMessage());
        }
        List<Event> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) throw new IllegalArgumentException("item " + i + " is not an object");
            String id = text(item, "id", i);
            String nodeId = text(item, "nodeid", i);
            String name = text(item, "event", i);
            if (!(item.get("ts") instanceof Number ts)) throw new IllegalArgumentException("item " + i + " has no numeric ts");
            Object message = item.get("message");
            if (message != null && !(message instanceof Map)) throw new IllegalArgumentException("item " + i + ": message is not an object");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = message == null ? Map.of() : (Map<String, Object>) message;
            events.add(Event.of(id, nodeId, ts.longValue(), name, fields, true));
        }
        return events;
    }

    private static String text(Map<?, ?> item, String key, int index) {
        if (item.get(key) instanceof String value && !value.isEmpty()) return value;
        throw new IllegalArgumentException("item " + index + " has no " + key);
    }
}
