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
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery through faults, with the distribution's {@code bin/glustereventsd} as a process, a
 * real HTTP receiver, and {@code bin/gluster-eventsapi} as an operator runs it.
 */
class WebhookDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret";

    @TempDir
    Path workdir;

    @Test
    void a503WithRetryAfterIsRetriedNoSoonerThanAskedAndTheEventIsDeliveredOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            receiver.thenAnswer(503, "Retry-After", "2").thenAnswer(503, "Retry-After", "2");
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();

            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv1");
            WebhookReceiver.Received first = receiver.next(Duration.ofSeconds(5));
            WebhookReceiver.Received second = receiver.next(Duration.ofSeconds(10));
            WebhookReceiver.Received third = receiver.next(Duration.ofSeconds(10));

            assertTrue(millisBetween(first, second) >= 2000, "2nd attempt " + millisBetween(first, second) + " ms after the 1st");
            assertTrue(millisBetween(second, third) >= 2000, "3rd attempt " + millisBetween(second, third) + " ms after the 2nd");
            for (WebhookReceiver.Received attempt : List.of(second, third)) {
                assertEquals(first.body(), attempt.body());
                assertEquals(first.header("webhook-id"), attempt.header("webhook-id"));
            }
            assertTrue(receiver.drain(Duration.ofSeconds(1)).isEmpty(), "the event was sent again after its 200");
            Map<?, ?> sink = webhookSink(daemon, receiver.url());
            assertEquals(0, sink.get("pending"));
            assertEquals(1, sink.get("delivered"));
            assertEquals(2, sink.get("retries"));
            assertEquals(0, sink.get("dead_letters"));
            assertEquals("HTTP 503", sink.get("last_error"));
        }
    }

    @Test
    void a404MakesADeadLetterThatStatusAndDeadLettersShowAndReplayDeliversOnceTheWebhookIsBack() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            receiver.answerAlways(404);
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {\"token\": \"\", \"secret\": \"" + SECRET + "\"}}").start();

            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=gv1");
            WebhookReceiver.Received refused = receiver.next(Duration.ofSeconds(5));
            assertTrue(receiver.drain(Duration.ofMillis(1500)).isEmpty(), "a 404 was retried");
            String id = refused.header("webhook-id");
            Path deadLetters = workdir.resolve("events/dead-letters.jsonl");
            awaitFileContains(deadLetters, id);

            // status --json: the dead letter and its cause, per webhook
            DaemonProcess.CommandResult status = daemon.eventsapi("status", "--json");
            assertEquals(0, status.exitCode(), status.stdout() + status.stderr());
            Map<?, ?> output = (Map<?, ?>) JSON.readValue(status.stdout(), Map.class).get("output");
            assertEquals(List.of(receiver.url()), output.get("webhooks"));
            assertEquals("OK", ((Map<?, ?>) ((List<?>) output.get("data")).get(0)).get("glustereventsd_status"));
            Map<?, ?> webhookStatus = (Map<?, ?>) ((List<?>) output.get("webhook_status")).get(0);
            assertEquals(receiver.url(), webhookStatus.get("url"));
            assertEquals(1, webhookStatus.get("dead_letters"));
            assertEquals(0, webhookStatus.get("pending"));
            assertEquals("HTTP 404", webhookStatus.get("last_error"));
            assertTrue(webhookStatus.containsKey("oldest_pending_seconds"), webhookStatus.toString());

            // status as text: the second table
            DaemonProcess.CommandResult statusText = daemon.eventsapi("status");
            assertTrue(statusText.stdout().contains("| WEBHOOK"), statusText.stdout());
            assertTrue(statusText.stdout().contains("HTTP 404"), statusText.stdout());

            // dead-letters: the entry, as text and as JSON
            DaemonProcess.CommandResult listed = daemon.eventsapi("dead-letters", "--json");
            assertEquals(0, listed.exitCode(), listed.stdout() + listed.stderr());
            List<?> entries = (List<?>) JSON.readValue(listed.stdout(), Map.class).get("output");
            assertEquals(1, entries.size());
            Map<?, ?> entry = (Map<?, ?>) entries.get(0);
            assertEquals(id, entry.get("id"));
            assertEquals(receiver.url(), entry.get("webhook"));
            assertEquals("HTTP 404", entry.get("reason"));
            assertEquals(1, entry.get("attempts"));
            assertEquals(JSON.readValue(refused.body(), Map.class), entry.get("event"));
            assertFalse(Files.readString(deadLetters).contains(SECRET), "the secret is in the dead-letter file");
            DaemonProcess.CommandResult table = daemon.eventsapi("dead-letters", "--webhook", receiver.url());
            assertTrue(table.stdout().contains(id) && table.stdout().contains("VOLUME_CREATE"), table.stdout());

            // replay while the webhook still refuses: kept, exit 1
            DaemonProcess.CommandResult stillRefused = daemon.eventsapi("dead-letters-replay");
            assertEquals(1, stillRefused.exitCode(), stillRefused.stdout() + stillRefused.stderr());
            assertTrue(stillRefused.stdout().contains("HTTP 404"), stillRefused.stdout());
            receiver.next(Duration.ofSeconds(5));
            assertTrue(Files.readString(deadLetters).contains(id), "a dead letter the webhook refused again was removed");

            // the webhook is back: replayed exactly as the daemon sent it, and removed from the file
            receiver.answerAlways(200);
            DaemonProcess.CommandResult replay = daemon.eventsapi("dead-letters-replay", "--json");
            assertEquals(0, replay.exitCode(), replay.stdout() + replay.stderr());
            Map<?, ?> summary = (Map<?, ?>) JSON.readValue(replay.stdout(), Map.class).get("output");
            assertEquals(1, summary.get("replayed"));
            assertEquals(0, summary.get("kept"));
            WebhookReceiver.Received replayed = receiver.next(Duration.ofSeconds(5));
            assertEquals(refused.body(), replayed.body());
            assertEquals(id, replayed.header("webhook-id"));
            assertEquals("application/json", replayed.header("Content-Type"));
            assertSignedWithTheSecret(replayed);
            assertFalse(Files.readString(deadLetters).contains(id), "the replayed dead letter is still in the file");
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty());
        }
    }

    private static void assertSignedWithTheSecret(WebhookReceiver.Received request) throws Exception {
        String[] jwt = request.header("Authorization").substring("Bearer ".length()).split("\\.");
        assertEquals(3, jwt.length);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(jwt[0] + "." + jwt[1])), jwt[2],
                "the JWT is not signed with the webhook's secret");
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        assertEquals("v1," + Base64.getEncoder().encodeToString(hmac(signed)), request.header("webhook-signature"));
    }

    private static byte[] hmac(String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    private static long millisBetween(WebhookReceiver.Received earlier, WebhookReceiver.Received later) {
        return TimeUnit.NANOSECONDS.toMillis(later.atNanos() - earlier.atNanos());
    }

    private static Map<?, ?> webhookSink(DaemonProcess daemon, String url) throws Exception {
        for (Object sink : (List<?>) daemon.health().get("sinks")) {
            if (("webhook:" + url).equals(((Map<?, ?>) sink).get("name"))) return (Map<?, ?>) sink;
        }
        throw new AssertionError("no sink webhook:" + url + " in " + daemon.health());
    }

    private static void awaitFileContains(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError(file + " does not hold " + text + " within 5 s");
    }
}
