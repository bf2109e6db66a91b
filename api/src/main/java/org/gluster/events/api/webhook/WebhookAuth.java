package org.gluster.events.api.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;

/**
 * The {@code Authorization} header of PROTOCOL §2a: a JWT signed with the webhook's secret when it
 * has one, else its bearer token, else none.
 */
public final class WebhookAuth {
    static final String JWT_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private WebhookAuth() {
    }

    /** {@code Bearer <JWT>} with a secret, {@code Bearer <token>} with only a token, else empty. */
    public static Optional<String> authorization(String token, String secret, Event event, long nowSeconds) {
        if (!secret.isEmpty()) return Optional.of("Bearer " + jwt(secret, event, nowSeconds));
        if (!token.isEmpty()) return Optional.of("Bearer " + token);
        return Optional.empty();
    }

    /** HS256 over {@code {"exp": now+60, "iat": <event ts>, "iss": "gluster", "sub": "<event name>"}}, compact, keys sorted. */
    static String jwt(String secret, Event event, long nowSeconds) {
        String claims = "{\"exp\":" + (nowSeconds + 60) + ",\"iat\":" + event.ts() + ",\"iss\":\"gluster\",\"sub\":"
                + EventJson.toJson((Object) event.name()) + "}";
        String signingInput = encode(JWT_HEADER) + "." + encode(claims);
        return signingInput + "." + BASE64URL.encodeToString(
                HmacSha256.of(secret.getBytes(StandardCharsets.UTF_8), signingInput));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
