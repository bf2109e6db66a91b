package org.gluster.events.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;

/**
 * The {@code Authorization} header of PROTOCOL §2a: a JWT signed with the webhook's secret when it
 * has one, else its bearer token, else none.
 */
final class WebhookAuth {
    static final String JWT_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private WebhookAuth() {
    }

    static Optional<String> authorization(String token, String secret, Event event, long nowSeconds) {
        if (!secret.isEmpty()) return Optional.of("Bearer " + jwt(secret, event, nowSeconds));
        if (!token.isEmpty()) return Optional.of("Bearer " + token);
        return Optional.empty();
    }

    /** HS256 over {@code {"exp": now+60, "iat": <event ts>, "iss": "gluster", "sub": "<event name>"}}, compact, keys sorted. */
    static String jwt(String secret, Event event, long nowSeconds) {
        String claims = "{\"exp\":" + (nowSeconds + 60) + ",\"iat\":" + event.ts() + ",\"iss\":\"gluster\",\"sub\":"
                + EventJson.toJson((Object) event.name()) + "}";
        String signingInput = encode(JWT_HEADER) + "." + encode(claims);
        return signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret, signingInput));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
