package org.gluster.events.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.webhook.DeadLetter;
import org.gluster.events.api.webhook.DeadLetterFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSinkTest {
    private static final String SINK_NAME = "webhook:test";

    /** A cursor over a fixed list: poll hands out what is left, acknowledge records what was delivered. */
    static final class ListCursor implements EventCursor {
        private final List<Event> events;
        private int next;
        final List<Event> acknowledged = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        ListCursor(List<Event> events) {
            this.events = List.copyOf(events);
        }

        @Override
        public synchronized List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException {
            if (next >= events.size() && !closed) wait(unit.toMillis(timeout));
            if (closed) return List.of();
            List<Event> taken = new ArrayList<>(events.subList(next, Math.min(events.size(), next + max)));
            next += taken.size();
            return taken;
        }

        @Override
        public void acknowledge(Event event) {
            acknowledged.add(event);
        }

        @Override
        public long pending() {
            return events.size() - acknowledged.size();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    /** One POST as the webhook received it, with what the cursor had acknowledged at that moment. */
    record Received(Map<String, String> headers, String body, int acknowledgedBefore, long atNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String webhookId() {
            return header("webhook-id");
        }
    }

    /** What the webhook answers, in turn; 200 once the script is used up. */
    record Reply(int status, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, Map.of());
        }
    }

    private static Event event(int n) {
        return Event.of("id-" + n, "node-1", 1_795_462_277L + n, "VOLUME_CREATE", Map.of("name", "gv" + n), false);
    }

    /** An event with a UUIDv7 id the node received {@code ageMillis} ago. */
    private static Event receivedAgo(long ageMillis, int n) {
        long millis = System.currentTimeMillis() - ageMillis;
        String id = String.format("%08x-%04x-7000-8000-%012d", millis >>> 16, millis & 0xffff, n);
        Event event = Event.of(id, "node-1", millis / 1000, "VOLUME_CREATE", Map.of("name", "gv" + n), false);
        assertEquals(millis, event.receivedMillis());
        return event;
    }

    @TempDir
    Path workdir;

    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ListCursor cursor;
    private volatile CountDownLatch firstRequest = new CountDownLatch(1);
    private volatile CountDownLatch releaseFirst = new CountDownLatch(0);
    private HttpServer server;
    private ExecutorService serverThreads;
    private WebhookClient client;
    private WebhookSink sink;

    @BeforeEach
    void startServerAndClient() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/listen", this::handle);
        server.start();
        client = new WebhookClient();
        client.activate();
    }

    @AfterEach
    void stopAll() throws Exception {
        releaseFirst.countDown();
        if (sink != null) sink.close();
        client.deactivate();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            received.add(new Received(headers, body, cursor.acknowledged.size(), System.nanoTime()));
            boolean first = firstRequest.getCount() > 0;
            firstRequest.countDown();
            if (first) releaseFirst.await(10, TimeUnit.SECONDS);
            Reply reply = replies.poll();
            if (reply == null) reply = Reply.of(200);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/listen";
    }

    private static WebhookSink.Config config(String url, String token, String secret, int maxAgeHours, String... events) {
        return new WebhookSink.Config() {
            @Override
            public String[] events() {
                return events;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String _token() {
                return token;
            }

            @Override
            public String _secret() {
                return secret;
            }

            @Override
            public String sink_name() {
                return SINK_NAME;
            }

            @Override
            public int max_age_hours() {
                return maxAgeHours;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookSink.Config.class;
            }
        };
    }

    private void open(String url, List<Event> events) {
        open(config(url, "", "", 24), events);
    }

    private void open(WebhookSink.Config config, List<Event> events) {
        cursor = new ListCursor(events);
        sink = new WebhookSink(client, new DeadLetters(workdir), config);
        sink.open(cursor);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    private List<String> receivedIds() {
        return received.stream().map(Received::webhookId).toList();
    }

    private List<DeadLetter> deadLetters() throws IOException {
        return DeadLetterFile.inWorkdir(workdir).read().stream().map(DeadLetterFile.Line::letter).toList();
    }

    private static Thread senderThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sink-" + SINK_NAME) && t.isAlive()).findFirst().orElse(null);
    }

    private static long millisBetween(Received earlier, Received later) {
        return TimeUnit.NANOSECONDS.toMillis(later.atNanos() - earlier.atNanos());
    }

    @Test
    void eventsArePostedInOrderAndAcknowledgedOnlyAfterA2xx() throws Exception {
        releaseFirst = new CountDownLatch(1);
        List<Event> events = List.of(event(1), event(2), event(3));
        open(url(), events);

        assertTrue(firstRequest.await(10, TimeUnit.SECONDS), "no request within 10 s");
        assertEquals(List.of(), cursor.acknowledged, "acknowledged before the webhook answered");
        releaseFirst.countDown();
        await(() -> cursor.acknowledged.size() == 3, "three events acknowledged");

        assertEquals(events, cursor.acknowledged);
        assertEquals(List.of("id-1", "id-2", "id-3"), receivedIds());
        for (int i = 0; i < 3; i++) {
            Received r = received.get(i);
            assertEquals(events.get(i).toJson(), r.body());
            assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
            assertEquals(i, r.acknowledgedBefore(), "event " + (i + 1) + " sent before the previous ones were acknowledged");
        }
    }

    @Test
    void aWebhookSubscribedToPatternsGetsOnlyThoseAndTheOthersAreAcknowledgedInOrder() throws Exception {
        Event volume = event(1);
        Event peer = Event.of("id-2", "node-1", 1_795_462_278L, "PEER_ATTACH", Map.of("host", "node2"), false);
        Event georep = Event.of("id-3", "node-1", 1_795_462_279L, "GEOREP_STATE_FAULTY", Map.of(), false);
        open(config(url(), "", "", 24, "Peer.*", "GEOREP_*"), List.of(volume, peer, georep));

        await(() -> cursor.acknowledged.size() == 3, "all three acknowledged");

        assertEquals(List.of("id-2", "id-3"), receivedIds());
        assertEquals(List.of(volume, peer, georep), cursor.acknowledged);
        assertEquals(1L, sink.status().get("not_subscribed"));
        assertEquals(List.of("Peer.*", "GEOREP_*"), sink.status().get("events"));
    }

    @Test
    void a503IsRetriedUntilThe200AndOrderIsKept() throws Exception {
        replies.addAll(List.of(Reply.of(503), Reply.of(503), Reply.of(200), Reply.of(200)));
        List<Event> events = List.of(event(1), event(2));
        open(url(), events);

        await(() -> cursor.acknowledged.size() == 2, "both events acknowledged");

        assertEquals(events, cursor.acknowledged);
        assertEquals(List.of("id-1", "id-1", "id-1", "id-2"), receivedIds());
        assertEquals(List.of(0, 0, 0, 1), received.stream().map(Received::acknowledgedBefore).toList(),
                "event 1 was acknowledged before its 200");
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void retryAfterSecondsOfA503AreWaitedBeforeTheNextAttempt() throws Exception {
        replies.add(new Reply(503, Map.of("Retry-After", "1")));
        open(url(), List.of(event(1)));

        await(() -> cursor.acknowledged.size() == 1, "the event acknowledged");

        assertEquals(2, received.size());
        long gap = millisBetween(received.get(0), received.get(1));
        assertTrue(gap >= 1000, "the second attempt came " + gap + " ms after the first, before Retry-After: 1");
    }

    @Test
    void retryAfterOfA429AsAnHttpDateIsWaitedBeforeTheNextAttempt() throws Exception {
        String inTwoSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
        replies.add(new Reply(429, Map.of("Retry-After", inTwoSeconds)));
        open(url(), List.of(event(1)));

        await(() -> cursor.acknowledged.size() == 1, "the event acknowledged");

        // The date has whole seconds: at least one full second is left of the two.
        long gap = millisBetween(received.get(0), received.get(1));
        assertTrue(gap >= 1000, "the second attempt came " + gap + " ms after the first, before the Retry-After date");
    }

    @Test
    void a404BecomesADeadLetterAtOnceWithoutRetryAndTheNextEventProceeds() throws Exception {
        replies.addAll(List.of(Reply.of(404), Reply.of(200)));
        List<Event> events = List.of(event(1), event(2));
        open(url(), events);

        await(() -> cursor.acknowledged.size() == 2, "both events acknowledged");

        assertEquals(events, cursor.acknowledged);
        assertEquals(List.of("id-1", "id-2"), receivedIds(), "the refused event was sent again");
        List<DeadLetter> letters = deadLetters();
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals(url(), letter.webhook());
        assertEquals("id-1", letter.id());
        assertEquals("HTTP 404", letter.reason());
        assertEquals(1, letter.attempts());
        assertEquals(event(1).toJson(), letter.event().toJson());
        assertTrue(Math.abs(letter.failedAt() - System.currentTimeMillis() / 1000) <= 5, "failed_at " + letter.failedAt());
    }

    @Test
    void anEventFailingPastTheGiveUpAgeBecomesADeadLetterNamingTheLastError() throws Exception {
        replies.addAll(List.of(Reply.of(503), Reply.of(503), Reply.of(503)));
        Event old = receivedAgo(TimeUnit.HOURS.toMillis(25), 1);
        Event fresh = receivedAgo(0, 2);
        open(url(), List.of(old, fresh));

        await(() -> cursor.acknowledged.size() == 2, "both events settled");

        assertEquals(List.of(old.id(), fresh.id(), fresh.id(), fresh.id()), receivedIds(),
                "the old event is given up after its one failed attempt; the fresh one is retried");
        List<DeadLetter> letters = deadLetters();
        assertEquals(1, letters.size());
        assertEquals(old.id(), letters.get(0).id());
        assertEquals("gave up after 24 h: HTTP 503", letters.get(0).reason());
        assertEquals(1, letters.get(0).attempts());
    }

    @Test
    void aRetryAfterLongerThanTheGiveUpAgeIsCutShortThere() throws Exception {
        replies.addAll(List.of(new Reply(503, Map.of("Retry-After", "3600")), Reply.of(503)));
        Event nearlyOld = receivedAgo(TimeUnit.HOURS.toMillis(1) - 1500, 1);
        open(config(url(), "", "", 1), List.of(nearlyOld));

        await(() -> cursor.acknowledged.size() == 1, "the event settled without waiting an hour");

        assertEquals(2, received.size(), "a last attempt at the give-up age");
        List<DeadLetter> letters = deadLetters();
        assertEquals(1, letters.size());
        assertEquals("gave up after 1 h: HTTP 503", letters.get(0).reason());
        assertEquals(2, letters.get(0).attempts());
    }

    @Test
    void statusCountsDeliveriesRetriesDeadLettersAndTheLastError() throws Exception {
        replies.addAll(List.of(Reply.of(503), Reply.of(200), Reply.of(410), Reply.of(200)));
        open(url(), List.of(event(1), event(2), event(3)));
        assertEquals(Map.of("url", url(), "delivered", 0L, "failures", 0L, "retries", 0L, "dead_letters", 0L, "not_subscribed", 0L,
                "last_error", "", "last_error_at", 0L), sink.status());

        await(() -> cursor.acknowledged.size() == 3, "three events settled");

        Map<String, Object> status = sink.status();
        assertEquals(url(), status.get("url"));
        assertEquals(2L, status.get("delivered"));
        assertEquals(2L, status.get("failures"), "the 503 and the 410");
        assertEquals(1L, status.get("retries"));
        assertEquals(1L, status.get("dead_letters"));
        assertEquals("HTTP 410", status.get("last_error"));
        long at = (Long) status.get("last_error_at");
        assertTrue(Math.abs(at - System.currentTimeMillis() / 1000) <= 5, "last_error_at " + at);
    }

    @Test
    void aNetworkErrorIsTheLastErrorAndIsRetried() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        open("http://127.0.0.1:" + freePort + "/listen", List.of(event(1)));

        await(() -> (Long) sink.status().get("retries") >= 2, "two retries");

        String error = (String) sink.status().get("last_error");
        assertTrue(error.contains("Connect") || error.contains("refused"), error);
        assertEquals(List.of(), cursor.acknowledged);
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void requestsCarryStandardWebhooksHeadersWhoseSignatureVerifiesWithTheSecret() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        open(config(url(), "", secret, 24), List.of(event(1)));
        await(() -> cursor.acknowledged.size() == 1, "the event acknowledged");
        long now = System.currentTimeMillis() / 1000;

        Received r = received.get(0);
        assertEquals("id-1", r.webhookId());
        long timestamp = Long.parseLong(r.header("webhook-timestamp"));
        assertTrue(Math.abs(timestamp - now) <= 5, "webhook-timestamp " + timestamp + " is not the send time");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal(("id-1." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, r.header("webhook-signature"));
        assertTrue(r.header("Authorization").startsWith("Bearer ey"), "the JWT of PROTOCOL §2a is still sent");
    }

    @Test
    void withoutASecretNoSignatureIsSentAndTheTokenIsTheBearer() throws Exception {
        open(config(url(), "tok-123", "", 24), List.of(event(1)));
        await(() -> cursor.acknowledged.size() == 1, "the event acknowledged");

        Received r = received.get(0);
        assertEquals(null, r.header("webhook-signature"));
        assertEquals("Bearer tok-123", r.header("Authorization"));
        assertTrue(r.header("webhook-timestamp").matches("\\d+"), r.header("webhook-timestamp"));
    }

    @Test
    void aDeadLetterThatCannotBeWrittenLeavesTheEventUnacknowledged() throws Exception {
        Files.writeString(workdir.resolve("events"), "a file where the events folder should be");
        replies.add(Reply.of(404));
        open(url(), List.of(event(1)));

        await(() -> ((String) sink.status().get("last_error")).startsWith("could not write the dead letter"),
                "the write failure reported");

        assertEquals(List.of(), cursor.acknowledged);
        assertEquals(List.of("id-1"), receivedIds(), "a refused event is not sent again");
        assertEquals(0L, sink.status().get("dead_letters"));
    }

    @Test
    void closeLetsTheRequestInFlightFinishSoTheNextSinkDoesNotSendItAgain() throws Exception {
        releaseFirst = new CountDownLatch(1);
        List<Event> events = List.of(event(1), event(2));
        open(url(), events);
        assertTrue(firstRequest.await(10, TimeUnit.SECONDS), "no request within 10 s");

        long closing = System.nanoTime();
        Thread closer = new Thread(sink::close);
        closer.start();
        Thread.sleep(1000);
        assertTrue(closer.isAlive(), "close returned while the request was in flight");
        releaseFirst.countDown();
        closer.join(10_000);
        long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);

        assertFalse(closer.isAlive(), "close did not return");
        assertTrue(closedAfter >= 1000 && closedAfter < WebhookSink.IN_FLIGHT_GRACE_MS,
                "close took " + closedAfter + " ms: it should return once the webhook answered");
        assertEquals(List.of(event(1)), cursor.acknowledged, "the answered event was not acknowledged");
        assertEquals(null, senderThread(), "the sender thread is still running");

        // The next sink on this cursor resumes after the acknowledged event.
        List<Event> unacknowledged = events.stream().filter(e -> !cursor.acknowledged.contains(e)).toList();
        open(url(), unacknowledged);
        await(() -> cursor.acknowledged.size() == 1, "the second event delivered by the next sink");
        assertEquals(List.of("id-1", "id-2"), receivedIds(), "an event was delivered twice");
    }

    @Test
    void closeReturnsAtOnceWhileWaitingToRetryAWebhookThatIsDown() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        open("http://127.0.0.1:" + freePort + "/listen", List.of(event(1), event(2)));
        await(() -> senderThread() != null && senderThread().getState() == Thread.State.TIMED_WAITING,
                "the sender waiting to retry");

        assertTimeout(Duration.ofSeconds(2), sink::close);

        assertEquals(null, senderThread(), "the sender thread is still running");
        assertEquals(List.of(), cursor.acknowledged);
        sink = null;
    }

    @Test
    void closeAbandonsARequestStillUnansweredAfterTheGracePeriod() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Connections are accepted by the kernel and never answered.
            open("http://127.0.0.1:" + hanging.getLocalPort() + "/listen", List.of(event(1), event(2)));
            await(() -> senderThread() != null && senderThread().getState() == Thread.State.WAITING,
                    "the sender waiting for an answer");

            long closing = System.nanoTime();
            assertTimeout(Duration.ofMillis(WebhookSink.IN_FLIGHT_GRACE_MS + 2000), sink::close);
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);

            assertTrue(closedAfter >= WebhookSink.IN_FLIGHT_GRACE_MS - 100, "gave up on the request after " + closedAfter + " ms");
            assertEquals(null, senderThread(), "the sender thread is still running");
            assertEquals(List.of(), cursor.acknowledged);
            sink = null;
        }
    }

    @Test
    void sinkNameDescriptionAndStatusComeFromTheConfigWithoutSecrets() {
        WebhookSink named = new WebhookSink(client, new DeadLetters(workdir), new WebhookSink.Config() {
            @Override
            public String url() {
                return "http://example.com/hook";
            }

            @Override
            public String _token() {
                return "tok-123";
            }

            @Override
            public String _secret() {
                return "sec-456";
            }

            @Override
            public String sink_name() {
                return "webhook:http://example.com/hook";
            }

            @Override
            public int max_age_hours() {
                return 24;
            }

            @Override
            public String[] events() {
                return new String[0];
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookSink.Config.class;
            }
        });

        assertEquals("webhook:http://example.com/hook", named.name());
        for (String shown : List.of(named.toString(), named.status().toString())) {
            assertFalse(shown.contains("tok-123") || shown.contains("sec-456"), shown);
        }
        assertEquals("http://example.com/hook", named.status().get("url"));
    }
}
