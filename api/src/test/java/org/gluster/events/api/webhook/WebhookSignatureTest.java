package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The example of the Standard Webhooks specification and its reference libraries' tests. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String PYTHON_SIGN = String.join("\n",
            "import sys, hmac, hashlib, base64",
            "secret, msg_id, timestamp, body = sys.argv[1:5]",
            "key = base64.b64decode(secret[6:]) if secret.startswith('whsec_') else secret.encode()",
            "mac = hmac.new(key, (msg_id + '.' + timestamp + '.' + body).encode(), hashlib.sha256).digest()",
            "print('v1,' + base64.b64encode(mac).decode())");

    @Test
    void whsecSecretSignsTheSpecificationExampleAsTheSpecificationDoes() {
        assertEquals(SPEC_SIGNATURE, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void plainSecretIsKeyedWithItsUtf8BytesAsPythonComputesIt() throws Exception {
        String secret = "s3cret-ключ";
        String body = "{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \"n\", \"ts\": 1795462277}";
        String expected = Python3.run(PYTHON_SIGN, secret, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "1795462300", body);

        assertEquals(expected, WebhookSignature.sign(secret, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", 1795462300L, body));
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), WebhookSignature.key(secret));
    }

    @Test
    void whsecSecretIsKeyedWithTheDecodedRestAsPythonComputesIt() throws Exception {
        String expected = Python3.run(PYTHON_SIGN, SPEC_SECRET, "id-2", "1700000000", "{}");

        assertEquals(expected, WebhookSignature.sign(SPEC_SECRET, "id-2", 1700000000L, "{}"));
    }

    @Test
    void whsecPrefixWithoutBase64IsTakenAsText() {
        assertArrayEquals("whsec_not*base64!".getBytes(StandardCharsets.UTF_8), WebhookSignature.key("whsec_not*base64!"));
    }

    @Test
    void signatureCoversTheBodyTheIdAndTheTimestamp() {
        String signature = WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertNotEquals(signature, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, "{\"test\": 2432232315}"));
        assertNotEquals(signature, WebhookSignature.sign(SPEC_SECRET, "msg_other", SPEC_TIMESTAMP, SPEC_BODY));
        assertNotEquals(signature, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY));
    }
}
