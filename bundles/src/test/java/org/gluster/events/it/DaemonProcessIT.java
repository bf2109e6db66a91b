package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import java.security.KeyStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's {@code bin/glustereventsd}, run as a process, seen from a real webhook. */
class DaemonProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workdir;

    @Test
    void udpVolumeSetDatagramReachesWebhookWithProtocolJsonHeadersAndJwt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {\"token\": \"ignored-token\", \"secret\": \"s3cret\"}}");
            daemon.start();
            long ts = System.currentTimeMillis() / 1000;

            daemon.sendUdp(ts + " 6 name=gv1;options=changelog.changelog,on,");
            WebhookReceiver.Received post = receiver.next(Duration.ofSeconds(5));
            long now = System.currentTimeMillis() / 1000;

            String nodeId = Files.readString(workdir.resolve("events/node-id")).trim();
            assertEquals("POST", post.method());
            assertEquals("/listen", post.path());
            assertEquals("application/json", post.header("Content-Type"));
            assertEquals(Map.of("event", "VOLUME_SET",
                            "message", Map.of("name", "gv1", "options", List.of(List.of("changelog.changelog", "on"))),
                            "nodeid", nodeId,
                            "ts", (int) ts),
                    JSON.readValue(post.body(), Map.class));
            assertEquals("{\"event\": \"VOLUME_SET\", \"message\": {\"name\": \"gv1\", \"options\": [[\"changelog.changelog\", \"on\"]]}, "
                    + "\"nodeid\": \"" + nodeId + "\", \"ts\": " + ts + "}", post.body(), "byte for byte as the Python daemon writes it");
            UUID.fromString(post.header("webhook-id"));

            // The secret wins over the token: a JWT signed with it, with the claims of PROTOCOL §2a.
            String authorization = post.header("Authorization");
            assertTrue(authorization.startsWith("Bearer "), authorization);
            String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
            assertEquals(3, jwt.length);
            assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decode(jwt[0]));
            Map<?, ?> claims = JSON.readValue(decode(jwt[1]), Map.class);
            assertEquals(List.of("exp", "iat", "iss", "sub"), List.copyOf(claims.keySet()), "compact JSON, sorted keys");
            assertEquals("gluster", claims.get("iss"));
            assertEquals("VOLUME_SET", claims.get("sub"));
            assertEquals(ts, ((Number) claims.get("iat")).longValue());
            long exp = ((Number) claims.get("exp")).longValue();
            assertTrue(exp >= ts + 60 && exp <= now + 61, "exp is 60 s after sending: " + exp);
            assertEquals(jwt[2], sign("s3cret", jwt[0] + "." + jwt[1]), "HS256 signature with the webhook's secret");
        }
    }

    @Test
    void bearerTokenIsSentWhenTheWebhookHasNoSecret() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": \"old-form-token\"}").start();
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv1");
            assertEquals("Bearer old-form-token", receiver.next(Duration.ofSeconds(5)).header("Authorization"));
        }
    }

    @Test
    void webhooksJsonRewrittenByAnotherProgramIsUsedWithinTwoSecondsWithoutRestart() throws Exception {
        try (WebhookReceiver first = new WebhookReceiver();
             WebhookReceiver second = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + first.url() + "\": {\"token\": \"\", \"secret\": \"\"}}").start();

            daemon.writeWebhooks("{\"" + second.url() + "\": {\"token\": \"\", \"secret\": \"\"}}");
            long rewritten = System.nanoTime();
            boolean delivered = false;
            int sent = 0;
            while (!delivered && System.nanoTime() - rewritten < TimeUnit.SECONDS.toNanos(2)) {
                daemon.sendUdp(System.currentTimeMillis() / 1000 + " 3 name=probe" + sent++);
                delivered = !second.drain(Duration.ofMillis(100)).isEmpty();
            }
            assertTrue(delivered, "the new webhook received nothing within 2 s of webhooks.json being rewritten");
            first.drain(Duration.ofMillis(300));
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 3 name=after");
            assertTrue(second.next(Duration.ofSeconds(5)).body().contains("\"after\""));
            assertTrue(first.drain(Duration.ofMillis(500)).isEmpty(), "the removed webhook got an event");
        }
    }

    @Test
    void sigusr2ReloadsWebhooksEvenWhenTheFileLooksUnchanged() throws Exception {
        try (WebhookReceiver first = new WebhookReceiver();
             WebhookReceiver second = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + first.url() + "\": {}}").start();
            // Rewritten in place with the same size and modification time: only the signal can tell.
            Path file = workdir.resolve("events/webhooks.json");
            var modified = Files.getLastModifiedTime(file);
            String replaced = Files.readString(file).replace(first.url(), second.url());
            assertEquals(Files.size(file), replaced.length());
            Files.writeString(file, replaced, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            Files.setLastModifiedTime(file, modified);
            Thread.sleep(1500);
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=before-signal");
            assertTrue(first.next(Duration.ofSeconds(5)).body().contains("before-signal"), "the change was seen without a signal");

            assertEquals(0, new ProcessBuilder("kill", "-USR2", String.valueOf(daemon.pid())).start().waitFor());
            daemon.awaitLog("Config loaded (signal)", Duration.ofSeconds(5));
            daemon.awaitHealthy(Duration.ofSeconds(5));
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=after-signal");
            assertTrue(second.next(Duration.ofSeconds(5)).body().contains("after-signal"));
            assertTrue(first.drain(Duration.ofMillis(500)).isEmpty());
        }
    }

    @Test
    void malformedDatagramsAreCountedAndLoggedWhileValidOnesKeepFlowing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            daemon.sendUdp("");
            daemon.sendUdp("garbage");
            daemon.sendUdp("1795462277 9999 name=gv1");
            daemon.sendUdp("1795462277 2 key=a=b");

            Map<?, ?> message = (Map<?, ?>) JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class).get("message");
            assertEquals(Map.of("key", "a=b"), message, "values split on the first '=' only");
            Map<?, ?> rejected = (Map<?, ?>) daemon.health().get("rejected");
            assertEquals(Map.of("udp/empty", 1, "udp/unknown-type", 2), rejected,
                    "'garbage' reads as a dotted key that names no event type");
            // Logged once per reason, then rate-limited.
            assertEquals(1, DaemonProcess.lines(daemon.log(), "Rejected input from udp (unknown-type)").size(), daemon.log());
            assertEquals(1, DaemonProcess.lines(daemon.log(), "Rejected input from udp (empty)").size(), daemon.log());
        }
    }

    @Test
    void secondDaemonOnTheSameWorkdirIsRefusedAndTheFirstKeepsRunning() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            Process second = daemon.launch();
            assertTrue(second.waitFor(20, TimeUnit.SECONDS), "the second daemon did not exit");
            assertEquals(1, second.exitValue());
            assertTrue(daemon.output().contains("another glustereventsd (pid " + daemon.pid() + ") is already running"),
                    daemon.output());
            assertEquals("UP", daemon.health().get("status"));
        }
    }

    @Test
    void httpsWebhookIsVerifiedAgainstTheTrustStoreTheDaemonIsGiven() throws Exception {
        Path keystore = workdir.resolve("webhook.p12");
        Path truststore = workdir.resolve("trust.p12");
        SSLContext tls = selfSignedTls(keystore);
        keytool("-exportcert", "-keystore", keystore.toString(), "-storepass", "changeit", "-alias", "webhook",
                "-file", workdir.resolve("webhook.crt").toString());
        keytool("-importcert", "-noprompt", "-keystore", truststore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-alias", "webhook", "-file", workdir.resolve("webhook.crt").toString());

        try (WebhookReceiver receiver = new WebhookReceiver(tls);
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.javaOptions("-Xmx256m -Djavax.net.ssl.trustStore=" + truststore + " -Djavax.net.ssl.trustStorePassword=changeit");
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {\"token\": \"over-tls\"}}").start();
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv-tls");
            WebhookReceiver.Received post = receiver.next(Duration.ofSeconds(10));
            assertTrue(receiver.url().startsWith("https://"));
            assertEquals("Bearer over-tls", post.header("Authorization"));
            assertEquals(Map.of("name", "gv-tls"), JSON.readValue(post.body(), Map.class).get("message"));
        }
    }

    @Test
    void httpsWebhookWithAnUntrustedCertificateGetsNothingAndTheErrorIsLogged() throws Exception {
        SSLContext tls = selfSignedTls(workdir.resolve("webhook.p12"));

        try (WebhookReceiver receiver = new WebhookReceiver(tls);
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv-tls");
            assertTrue(receiver.drain(Duration.ofSeconds(2)).isEmpty(), "delivered to a webhook whose certificate is not trusted");
            String log = daemon.log();
            assertFalse(DaemonProcess.lines(log, "Webhook " + receiver.url() + " failed").isEmpty(), log);
            Map<?, ?> sink = ((List<?>) daemon.health().get("sinks")).stream().map(s -> (Map<?, ?>) s)
                    .filter(s -> s.get("name").equals("webhook:" + receiver.url())).findFirst().orElseThrow();
            assertEquals(1, sink.get("pending"), "the event waits for the webhook");
        }
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made by keytool, as a server's TLS context. */
    private static SSLContext selfSignedTls(Path keystore) throws Exception {
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "webhook", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return tls;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed: " + output);
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static String sign(String secret, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
