package org.gluster.events.api.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gluster.events.api.Event;

/**
 * One POST of an event to a webhook, as the daemon sends it and {@code gluster-eventsapi
 * dead-letters-replay} sends it again: the body of PROTOCOL §2a and the headers besides
 * {@code Content-Type} ({@link #CONTENT_TYPE}).
 *
 * <ul>
 *   <li>{@code webhook-id}: the event id, so a receiver can drop a delivery it has seen;</li>
 *   <li>{@code webhook-timestamp}: when this request was made, epoch seconds;</li>
 *   <li>{@code webhook-signature}: with a secret, its Standard Webhooks signature
 *       ({@link WebhookSignature});</li>
 *   <li>{@code Authorization}: the bearer token or JWT of PROTOCOL §2a ({@link WebhookAuth}).</li>
 * </ul>
 *
 * @param body    the JSON body
 * @param headers header names and values, in the order above; holds a token or secret-derived
 *                value, so never log it
 */
public record WebhookRequest(String body, Map<String, String> headers) {
    public static final String CONTENT_TYPE = "application/json";
    public static final String USER_AGENT = "glustereventsd";

    public WebhookRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The request for {@code event}, made at {@code nowSeconds}, for a webhook with this token and secret. */
    public static WebhookRequest of(Event event, String token, String secret, long nowSeconds) {
        String body = event.toJson();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", event.id());
        headers.put("webhook-timestamp", Long.toString(nowSeconds));
        if (!secret.isEmpty()) headers.put("webhook-signature", WebhookSignature.sign(secret, event.id(), nowSeconds, body));
        WebhookAuth.authorization(token, secret, event, nowSeconds).ifPresent(value -> headers.put("Authorization", value));
        return new WebhookRequest(body, headers);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + body + ", headers " + headers.keySet() + "]"; // names only: values carry secrets
    }
}
