package org.gluster.events.api.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;

/**
 * An event a webhook never took: refused with a 4xx, or still failing when it reached the give-up
 * age. One line of the dead-letter file:
 * {@code {"attempts": 1, "event": {<PROTOCOL §2a body>}, "failed_at": <epoch s>, "id": "<event id>",
 * "reason": "HTTP 404", "webhook": "<url>"}} — keys sorted, in the style of the body. Never a token or secret.
 *
 * @param webhook  the webhook's URL
 * @param reason   {@code HTTP <status>} or {@code gave up after <n> h: <last error>}
 * @param failedAt when the event became a dead letter, epoch seconds
 * @param attempts how many times it was POSTed
 * @param event    the event, with its id and node id
 */
public record DeadLetter(String webhook, String reason, long failedAt, int attempts, Event event) {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public DeadLetter {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(event, "event");
    }

    /** The event's id, the key a dead letter is found and removed by (with the webhook). */
    public String id() {
        return event.id();
    }

    /** The line written to the file, without its newline; JSON escapes keep it on one line. */
    public String toJsonLine() {
        return "{\"attempts\": " + attempts + ", \"event\": " + event.toJson() + ", \"failed_at\": " + failedAt
                + ", \"id\": " + EventJson.toJson((Object) event.id()) + ", \"reason\": " + EventJson.toJson((Object) reason)
                + ", \"webhook\": " + EventJson.toJson((Object) webhook) + "}";
    }

    /**
     * Reads one line of the file back. The event's body is rebuilt from the parsed JSON with the same
     * writer that made it, so it comes out byte for byte as first sent.
     *
     * @throws IllegalArgumentException if the line is not a dead letter (a torn last line, an edit by hand)
     */
    public static DeadLetter parse(String line) {
        Map<?, ?> object;
        try {
            object = JSON.readValue(line, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (!(object.get("event") instanceof Map<?, ?> body)) throw new IllegalArgumentException("no \"event\" object");
        Map<String, Object> message = new LinkedHashMap<>();
        if (body.get("message") instanceof Map<?, ?> map) map.forEach((k, v) -> message.put(String.valueOf(k), v));
        Event event = Event.of(text(object, "id"), (String) body.get("nodeid"), number(body, "ts"), text(body, "event"),
                message, false);
        return new DeadLetter(text(object, "webhook"), text(object, "reason"), number(object, "failed_at"),
                (int) number(object, "attempts"), event);
    }

    private static String text(Map<?, ?> object, String key) {
        if (!(object.get(key) instanceof String value)) throw new IllegalArgumentException("no \"" + key + "\" text");
        return value;
    }

    private static long number(Map<?, ?> object, String key) {
        if (!(object.get(key) instanceof Number value)) throw new IllegalArgumentException("no \"" + key + "\" number");
        return value.longValue();
    }
}
