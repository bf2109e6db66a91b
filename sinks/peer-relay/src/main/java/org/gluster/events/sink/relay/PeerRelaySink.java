package org.gluster.events.sink.relay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay to one peer: a thread that reads this peer's cursor and POSTs the events to the peer's
 * {@code /v1/listen} in batches, in order, acknowledging a batch once the peer journaled it. A peer
 * that is down or refuses is retried with a growing pause (up to {@value #MAX_BACKOFF_MS} ms) for as
 * long as the journal holds its events; it holds back nobody else, each peer has its own cursor.
 */
final class PeerRelaySink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRelaySink.class);
    static final int BATCH = 500;
    static final long FIRST_BACKOFF_MS = 200;
    static final long MAX_BACKOFF_MS = 5_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final URI listen;
    private final HttpClient http;
    private final Supplier<String> token;
    private final AtomicLong relayed = new AtomicLong();
    private volatile String lastError;
    private volatile Instant failingSince;
    private volatile Instant lastRelayedAt;
    private volatile Thread sender;

    PeerRelaySink(String host, URI listen, HttpClient http, Supplier<String> token) {
        this.host = host;
        this.listen = listen;
        this.http = http;
        this.token = token;
    }

    @Override
    public String name() {
        return "relay:" + host;
    }

    @Override
    public void open(EventCursor cursor) {
        Thread thread = new Thread(() -> relay(cursor), "sink-" + name());
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    /** Stops at once; a batch in flight is sent again by the next opening, and the peer skips what it already has. */
    @Override
    public void close() {
        Thread thread = sender;
        sender = null;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(EventCursor cursor) {
        long backoff = FIRST_BACKOFF_MS;
        try {
            while (!cursor.isClosed() && sender == Thread.currentThread()) {
                List<Event> batch = cursor.poll(BATCH, 1, TimeUnit.SECONDS);
                if (batch.isEmpty()) continue;
                String body = RelayBatch.encode(batch);
                while (!post(body)) {
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                    if (cursor.isClosed()) return;
                }
                backoff = FIRST_BACKOFF_MS;
                cursor.acknowledge(batch.get(batch.size() - 1));
                relayed.addAndGet(batch.size());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** One attempt; true once the peer journaled the batch. */
    private boolean post(String body) throws InterruptedException {
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(listen).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                if (failingSince != null) LOG.info("Relay to {} works again", host);
                failingSince = null;
                lastError = null;
                lastRelayedAt = Instant.now();
                return true;
            }
            error = "HTTP " + answer.statusCode() + " " + answer.body().strip();
        } catch (IOException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (failingSince == null) {
            failingSince = Instant.now();
            LOG.warn("Relay to {} failed: {}; retrying until it takes the events", host, error);
        }
        lastError = error;
        return false;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("peer", host);
        status.put("relayed", relayed.get());
        if (lastRelayedAt != null) status.put("last_relayed_at", lastRelayedAt.toString());
        if (lastError != null) status.put("last_error", lastError);
        if (failingSince != null) status.put("failing_since", failingSince.toString());
        return status;
    }

    @Override
    public String toString() {
        return "relay to " + host;
    }
}
