package org.gluster.events.api.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code webhook-signature} header of Standard Webhooks (https://www.standardwebhooks.com):
 * {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">}. Unlike the JWT of
 * PROTOCOL §2a it covers the body, the id and the time, so a receiver can tell a forged or replayed
 * request from ours.
 */
public final class WebhookSignature {
    /** The Standard Webhooks prefix of a secret whose rest is the key, base64-encoded. */
    static final String ENCODED_SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** {@code v1,<signature>} for one request. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        byte[] mac = HmacSha256.of(key(secret), webhookId + "." + timestampSeconds + "." + body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    /**
     * The HMAC key: for a {@code whsec_} secret the base64-decoded rest, as the Standard Webhooks
     * libraries read it; for any other secret (as webhooks.json has always held them), its UTF-8
     * bytes. A {@code whsec_} secret whose rest is not base64 is taken as text too.
     */
    static byte[] key(String secret) {
        if (secret.startsWith(ENCODED_SECRET_PREFIX) && secret.length() > ENCODED_SECRET_PREFIX.length()) {
            try {
                return Base64.getDecoder().decode(secret.substring(ENCODED_SECRET_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // falls through to the text form
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
