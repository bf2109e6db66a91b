package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
    private static final Event EVENT = Event.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "node-1", 1_795_462_277L,
            "VOLUME_CREATE", Map.of("name", "gv1"), false);
    private static final long NOW = 1_795_462_300L;

    @Test
    void withASecretTheRequestCarriesIdTimestampSignatureAndJwt() {
        WebhookRequest request = WebhookRequest.of(EVENT, "tok", "s3cret", NOW);

        assertEquals(EVENT.toJson(), request.body());
        assertEquals(List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Authorization"),
                List.copyOf(request.headers().keySet()));
        assertEquals(EVENT.id(), request.headers().get("webhook-id"));
        assertEquals("1795462300", request.headers().get("webhook-timestamp"));
        assertEquals(WebhookSignature.sign("s3cret", EVENT.id(), NOW, EVENT.toJson()), request.headers().get("webhook-signature"));
        assertEquals(WebhookAuth.authorization("tok", "s3cret", EVENT, NOW).orElseThrow(), request.headers().get("Authorization"));
    }

    @Test
    void withOnlyATokenTheRequestIsNotSignedAndCarriesTheBearerToken() {
        WebhookRequest request = WebhookRequest.of(EVENT, "tok", "", NOW);

        assertEquals(List.of("webhook-id", "webhook-timestamp", "Authorization"), List.copyOf(request.headers().keySet()));
        assertEquals("Bearer tok", request.headers().get("Authorization"));
    }

    @Test
    void withNeitherTheRequestHasOnlyTheIdAndTimestamp() {
        assertEquals(List.of("webhook-id", "webhook-timestamp"),
                List.copyOf(WebhookRequest.of(EVENT, "", "", NOW).headers().keySet()));
    }

    @Test
    void descriptionNamesTheHeadersButNotTheirValues() {
        String text = WebhookRequest.of(EVENT, "tok-123", "", NOW).toString();

        assertFalse(text.contains("tok-123"), text);
    }
}
