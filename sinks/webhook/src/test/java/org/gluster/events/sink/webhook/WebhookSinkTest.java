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
import java.time.Duration;
import java.util.ArrayList;
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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    record Received(String webhookId, String body, String contentType, int acknowledgedBefore) {
    }

    private static Event event(int n) {
        return Event.of("id-" + n, "node-1", 1_795_462_277L + n, "VOLUME_CREATE", Map.of("name", "gv" + n), false);
    }

    private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
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
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), body,
                    exchange.getRequestHeaders().getFirst("Content-Type"), cursor.acknowledged.size()));
            boolean first = firstRequest.getCount() > 0;
            firstRequest.countDown();
            if (first) releaseFirst.await(10, TimeUnit.SECONDS);
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/listen";
    }

    private static WebhookSink.Config config(String url) {
        return new WebhookSink.Config() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public String _token() {
                return "";
            }

            @Override
            public String _secret() {
                return "";
            }

            @Override
            public String sink_name() {
                return SINK_NAME;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookSink.Config.class;
            }
        };
    }

    private void open(String url, List<Event> events) {
        cursor = new ListCursor(events);
        sink = new WebhookSink(client, config(url));
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

    private static Thread senderThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sink-" + SINK_NAME) && t.isAlive()).findFirst().orElse(null);
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
            assertTrue(r.contentType().startsWith("application/json"), r.contentType());
            assertEquals(i, r.acknowledgedBefore(), "event " + (i + 1) + " sent before the previous ones were acknowledged");
        }
    }

    @Test
    void a503IsRetriedUntilThe200AndOrderIsKept() throws Exception {
        statuses.addAll(List.of(503, 503, 200, 200));
        List<Event> events = List.of(event(1), event(2));
        open(url(), events);

        await(() -> cursor.acknowledged.size() == 2, "both events acknowledged");

        assertEquals(events, cursor.acknowledged);
        assertEquals(List.of("id-1", "id-1", "id-1", "id-2"), receivedIds());
        assertEquals(List.of(0, 0, 0, 1), received.stream().map(Received::acknowledgedBefore).toList(),
                "event 1 was acknowledged before its 200");
    }

    @Test
    void a404IsNotRetriedAndTheNextEventProceeds() throws Exception {
        statuses.addAll(List.of(404, 200));
        List<Event> events = List.of(event(1), event(2));
        open(url(), events);

        await(() -> cursor.acknowledged.size() == 2, "both events acknowledged");

        assertEquals(events, cursor.acknowledged);
        assertEquals(List.of("id-1", "id-2"), receivedIds(), "the refused event was sent again");
    }

    @Test
    void closeReturnsWithinAFewSecondsWhileTheWebhookIsDown() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        open("http://127.0.0.1:" + freePort + "/listen", List.of(event(1), event(2)));
        await(() -> senderThread() != null && senderThread().getState() == Thread.State.TIMED_WAITING,
                "the sender waiting to retry");

        assertTimeout(Duration.ofSeconds(3), sink::close);

        assertEquals(null, senderThread(), "the sender thread is still running");
        assertEquals(List.of(), cursor.acknowledged);
        sink = null;
    }

    @Test
    void closeReturnsWithinAFewSecondsWhileTheWebhookHangs() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Connections are accepted by the kernel and never answered.
            open("http://127.0.0.1:" + hanging.getLocalPort() + "/listen", List.of(event(1), event(2)));
            await(() -> senderThread() != null && senderThread().getState() == Thread.State.WAITING,
                    "the sender waiting for an answer");

            assertTimeout(Duration.ofSeconds(3), sink::close);

            assertEquals(null, senderThread(), "the sender thread is still running");
            assertEquals(List.of(), cursor.acknowledged);
            sink = null;
        }
    }

    @Test
    void sinkNameAndDescriptionComeFromTheConfigWithoutSecrets() {
        WebhookSink named = new WebhookSink(client, new WebhookSink.Config() {
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
            public Class<? extends Annotation> annotationType() {
                return WebhookSink.Config.class;
            }
        });

        assertEquals("webhook:http://example.com/hook", named.name());
        assertFalse(named.toString().contains("tok-123") || named.toString().contains("sec-456"), named.toString());
    }
}
