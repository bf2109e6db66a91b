package org.gluster.events.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** A real HTTP server on loopback that records every request a webhook receives. */
final class WebhookReceiver implements AutoCloseable {
    /** One request, and when it arrived ({@link System#nanoTime()}). */
    record Received(String method, String path, Map<String, String> headers, String body, long atNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** An answer to give: a status and response headers. */
    record Reply(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile long delayMillis;

    WebhookReceiver() throws IOException {
        this(0);
    }

    /** On a given port: a receiver that comes back where a webhook was down. */
    WebhookReceiver(int port) throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
    }

    /** Over HTTPS, with the key and certificate of {@code tls}. */
    WebhookReceiver(SSLContext tls) throws IOException {
        this(httpsServer(tls));
    }

    private static HttpServer httpsServer(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                    System.nanoTime()));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Reply reply = script.poll();
            if (reply == null) reply = new Reply(status, Map.of());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    /** Answers each request only after {@code millis}: a slow webhook. */
    WebhookReceiver slowDown(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Answers the next request with {@code status} and these headers ({@code name, value, ...}), before the usual status. */
    WebhookReceiver thenAnswer(int status, String... headerNamesAndValues) {
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        script.add(new Reply(status, headers));
        return this;
    }

    /** The status of every answer once the scripted ones are given (200 until set). */
    WebhookReceiver answerAlways(int status) {
        this.status = status;
        return this;
    }

    String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/listen";
    }

    /** The next request, or fails the test after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        Received request = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) throw new AssertionError("the webhook received nothing within " + timeout);
        return request;
    }

    /** Everything received until nothing more arrives for {@code quiet}. */
    List<Received> drain(Duration quiet) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        for (Received r; (r = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) all.add(r);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
