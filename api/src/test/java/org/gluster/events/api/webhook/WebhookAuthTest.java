package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class WebhookAuthTest {
    private static final long NOW = 1_795_462_300L;
    private static final Event EVENT = Event.of("id-1", "node-1", 1_795_462_277L, "VOLUME_CREATE", Map.of("name", "gv1"), false);
    private static final String SECRET = "s3cret-key";

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String jwtOf(Optional<String> authorization) {
        assertTrue(authorization.isPresent());
        assertTrue(authorization.get().startsWith("Bearer "), authorization.get());
        return authorization.get().substring("Bearer ".length());
    }

    private static byte[] hmacSha256(String secret, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretGivesABearerJwtWithTheHs256HeaderAndTheProtocolClaims() throws Exception {
        String jwt = jwtOf(WebhookAuth.authorization("", SECRET, EVENT, NOW));

        String[] parts = jwt.split("\\.", -1);
        assertEquals(3, parts.length, jwt);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decode(parts[0]));
        assertEquals("{\"exp\":1795462360,\"iat\":1795462277,\"iss\":\"gluster\",\"sub\":\"VOLUME_CREATE\"}", decode(parts[1]));
        for (String part : parts) {
            assertTrue(part.matches("[A-Za-z0-9_-]+"), "not base64url without padding: " + part);
        }
    }

    @Test
    void jwtSignatureVerifiesWithHmacSha256OfTheSecret() throws Exception {
        String jwt = jwtOf(WebhookAuth.authorization("", SECRET, EVENT, NOW));
        int lastDot = jwt.lastIndexOf('.');
        String signingInput = jwt.substring(0, lastDot);
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1));

        assertArrayEquals(hmacSha256(SECRET, signingInput), signature);
        assertFalse(java.util.Arrays.equals(hmacSha256("other-secret", signingInput), signature));
    }

    @Test
    void jwtClaimsFollowTheEventAndTheClock() {
        Event other = Event.of(1_700_000_000L, "VOLUME_SET", Map.of());
        String claims = decode(WebhookAuth.jwt(SECRET, other, 1_700_000_100L).split("\\.")[1]);

        assertEquals("{\"exp\":1700000160,\"iat\":1700000000,\"iss\":\"gluster\",\"sub\":\"VOLUME_SET\"}", claims);
    }

    @Test
    void tokenOnlyGivesTheBearerToken() {
        assertEquals(Optional.of("Bearer tok-123"), WebhookAuth.authorization("tok-123", "", EVENT, NOW));
    }

    @Test
    void secretWinsOverToken() {
        String jwt = jwtOf(WebhookAuth.authorization("tok-123", SECRET, EVENT, NOW));

        assertFalse(jwt.contains("tok-123"));
        assertEquals(WebhookAuth.jwt(SECRET, EVENT, NOW), jwt);
        assertEquals(3, jwt.split("\\.").length);
    }

    @Test
    void neitherTokenNorSecretGivesNoHeader() {
        assertEquals(Optional.empty(), WebhookAuth.authorization("", "", EVENT, NOW));
    }

    @Test
    void jwtIsTheSameAsPythonComputesIt() throws Exception {
        Assumptions.assumeTrue(python3OnPath(), "python3 is not on the PATH: the cross-check with Python is skipped");
        String script = String.join("\n",
                "import sys, hmac, hashlib, base64, json",
                "secret, iat, sub, now = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])",
                "b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')",
                "header = b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())",
                "claims = {'exp': now + 60, 'iat': iat, 'iss': 'gluster', 'sub': sub}",
                "payload = b64(json.dumps(claims, separators=(',', ':'), sort_keys=True).encode())",
                "signing_input = header + '.' + payload",
                "signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()",
                "print(signing_input + '.' + b64(signature))");
        Process python = new ProcessBuilder("python3", "-c", script, SECRET, Long.toString(EVENT.ts()), EVENT.name(),
                Long.toString(NOW)).redirectErrorStream(true).start();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, python.exitValue(), output);

        assertEquals(output, WebhookAuth.jwt(SECRET, EVENT, NOW));
    }

    private static boolean python3OnPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(folder, "python3"))) return true;
        }
        return false;
    }
}
