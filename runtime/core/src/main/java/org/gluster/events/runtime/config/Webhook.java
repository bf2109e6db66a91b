package org.gluster.events.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code webhooks.json}: a URL, its optional bearer token and JWT secret, and the
 * event patterns it subscribes to (none: every event). {@link #toString()} never shows the token
 * or the secret.
 */
public record Webhook(String url, String token, String secret, List<String> events) {
    /** Webhook sinks' cursor names start so. */
    public static final String SINK_NAME_PREFIX = "webhook:";

    public Webhook {
        token = token == null ? "" : token;
        secret = secret == null ? "" : secret;
        events = events == null ? List.of() : List.copyOf(events);
    }

    public Webhook(String url, String token, String secret) {
        this(url, token, secret, List.of());
    }

    /** As {@code webhooks.json} holds it: the subscription only when there is one, as other tools write the file too. */
    public java.util.Map<String, Object> toJson() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("token", token);
        json.put("secret", secret);
        if (!events.isEmpty()) json.put("events", events);
        return json;
    }

    /** The cursor name this webhook's delivery position is kept under. */
    public String sinkName() {
        return SINK_NAME_PREFIX + url;
    }

    /**
     * Checks that a webhook URL is absolute http or https with a host.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void validateUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("invalid webhook URL " + url + ": expected http:// or https://");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("invalid webhook URL " + url + ": no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid webhook URL " + url + ": " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return "Webhook[" + url + (token.isEmpty() ? "" : ", token set") + (secret.isEmpty() ? "" : ", secret set")
                + (events.isEmpty() ? "" : ", events " + String.join(",", events)) + "]";
    }
}
