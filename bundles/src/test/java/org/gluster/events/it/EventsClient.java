package org.gluster.events.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client (the JDK's) of {@code /v1/events}: every text frame received, with when. */
final class EventsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Frame(String text, long atNanos) {
        Map<?, ?> json() {
            try {
                return JSON.readValue(text, Map.class);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String name() {
            return String.valueOf(((Map<?, ?>) json().get("message")).get("name"));
        }

        String id() {
            return (String) json().get("id");
        }
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    volatile String closeReason;

    private EventsClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        StringBuilder partial = new StringBuilder();
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new Frame(partial.toString(), System.nanoTime()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = statusCode + " " + reason;
                return null;
            }
        }).join();
    }

    /** Connects to {@code node}'s {@code /v1/events} with {@code query} (may be empty) and the given headers. */
    static EventsClient connect(String host, int restPort, String query, Map<String, String> headers) {
        return new EventsClient(URI.create("ws://" + host + ":" + restPort + "/v1/events" + (query.isEmpty() ? "" : "?" + query)), headers);
    }

    static EventsClient connect(String host, int restPort, String token) {
        return connect(host, restPort, "", Map.of("Authorization", "Bearer " + token));
    }

    /** The HTTP status a refused handshake got. */
    static int refusal(String host, int restPort, String query, Map<String, String> headers) {
        try (EventsClient unexpected = connect(host, restPort, query, headers)) {
            throw new AssertionError("the upgrade was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) return refused.getResponse().statusCode();
            throw e;
        }
    }

    Frame next(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) throw new AssertionError("no event within " + timeout + (closeReason == null ? "" : "; closed: " + closeReason));
        return frame;
    }

    /** The next {@code count} frames. */
    List<Frame> take(int count, Duration timeout) throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            long left = deadline - System.nanoTime();
            Frame frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (frame == null) throw new AssertionError("got " + taken.size() + " of " + count + " events within " + timeout
                    + (closeReason == null ? "" : "; closed: " + closeReason));
            taken.add(frame);
        }
        return taken;
    }

    /** Whatever else arrives until {@code quiet} passes without a frame. */
    List<Frame> drain(Duration quiet) throws InterruptedException {
        List<Frame> rest = new ArrayList<>();
        Frame frame;
        while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) rest.add(frame);
        return rest;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
