package org.gluster.events.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.runtime.cluster.App;
import org.gluster.events.runtime.cluster.AppsFile;

/**
 * The daemon of {@code --start-daemon}: {@code bin/glustereventsd} of this distribution on a fresh
 * workdir, on 127.0.0.1, with the events log off, the tool's receivers and the dead webhooks in
 * {@code webhooks.json}, and an application for the WebSocket clients in {@code apps.json}. Its
 * output goes to {@code <workdir>/daemon.out}. {@link #close} stops it with SIGTERM and removes the
 * workdir unless it is to be kept.
 */
final class OwnDaemon implements AutoCloseable {
    /** The application registered for the WebSocket clients. */
    static final String APP = "gluster-events-bench";
    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path workdir;
    final int udpPort;
    final int restPort;
    /** The application's secret, or null when none was registered. */
    final String appSecret;
    private final boolean keepWorkdir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private long startedNanos;
    private boolean closed;

    /** What the daemon is started with; a port of 0 is any free one, a null socket its default. */
    record Settings(Path home, int udpPort, int restPort, Path socket, List<String> webhooks, int deadWebhooks, boolean app,
                    boolean memoryJournal, String javaOptions, boolean keepWorkdir) {
    }

    private OwnDaemon(Path workdir, int udpPort, int restPort, String appSecret, boolean keepWorkdir) {
        this.workdir = workdir;
        this.udpPort = udpPort;
        this.restPort = restPort;
        this.appSecret = appSecret;
        this.keepWorkdir = keepWorkdir;
    }

    /** Writes the workdir and starts the process; {@link #awaitReady} then says when it takes events. */
    static OwnDaemon start(Settings settings) throws IOException {
        Path workdir = Files.createTempDirectory("gluster-events-bench-");
        Path events = Files.createDirectories(workdir.resolve("events"));
        int udp = settings.udpPort() > 0 ? settings.udpPort() : freeUdpPort();
        int rest = settings.restPort() > 0 ? settings.restPort() : freeTcpPort();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("disable-events-log", true);
        config.put("port", udp);
        config.put("rest-port", rest);
        config.put("bind-address", HOST);
        if (settings.socket() != null) config.put("socket-path", settings.socket().toAbsolutePath().toString());
        Files.writeString(events.resolve("config.json"), JSON.writeValueAsString(config));
        Map<String, Object> webhooks = new LinkedHashMap<>();
        settings.webhooks().forEach(url -> webhooks.put(url, Map.of()));
        int deadPort = freeTcpPort(); // nothing listens there once it is closed again
        for (int i = 0; i < settings.deadWebhooks(); i++) webhooks.put("http://" + HOST + ":" + deadPort + "/dead" + i, Map.of());
        Files.writeString(events.resolve("webhooks.json"), JSON.writeValueAsString(webhooks));
        String secret = null;
        if (settings.app()) {
            secret = App.newSecret();
            AppsFile.write(events, Map.of(APP, App.register(APP, secret, Instant.now())));
        }
        OwnDaemon daemon = new OwnDaemon(workdir, udp, rest, secret, settings.keepWorkdir());
        daemon.launch(settings);
        return daemon;
    }

    private void launch(Settings settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(settings.home().resolve("bin/glustereventsd").toString(), "--workdir", workdir.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(workdir.resolve("daemon.out").toFile());
        builder.environment().remove("GLUSTERD_WORKDIR");
        // This tool's own JAVA_OPTS are not the daemon's: without --daemon-opts it gets bin/glustereventsd's defaults.
        builder.environment().remove("JAVA_OPTS");
        if (settings.javaOptions() != null) builder.environment().put("JAVA_OPTS", settings.javaOptions());
        if (settings.memoryJournal()) {
            // Read by every JVM besides its command line, so it leaves bin/glustereventsd's default JAVA_OPTS alone.
            builder.environment().put("JAVA_TOOL_OPTIONS", "-Dglustereventsd.journal=memory");
        }
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    long pid() {
        return process.pid();
    }

    URI healthUri() {
        return URI.create("http://" + HOST + ":" + restPort + "/v1/health");
    }

    /**
     * Sends a probe every 10 ms through {@code probe} until the daemon's {@code /v1/health} counts an
     * accepted event or a receiver got a probe; returns the milliseconds from the process's start.
     */
    long awaitReady(Emitter probe, List<Deliveries> receivers, Duration timeout) throws IOException, InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        int seq = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("the daemon exited with " + process.exitValue() + ":\n" + output());
            try {
                probe.send(Stamp.Phase.PROBE, seq++);
            } catch (IOException e) {
                // not listening yet
            }
            if (receivers.stream().anyMatch(Deliveries::probed) || accepted() > 0) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            }
            Thread.sleep(10);
        }
        throw new IOException("the daemon accepted no event within " + timeout.toSeconds() + " s:\n" + output());
    }

    /** Waits until the sinks of {@code webhooks} are open, and the WebSocket endpoint's if {@code websocket}. */
    void awaitSinks(List<String> webhooks, boolean websocket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> health = health();
            if (health != null && health.get("sinks") instanceof List<?> sinks) {
                List<String> open = sinks.stream().map(s -> (Map<?, ?>) s).filter(s -> Boolean.TRUE.equals(s.get("open")))
                        .map(s -> String.valueOf(s.get("name"))).toList();
                if (webhooks.stream().allMatch(url -> open.contains("webhook:" + url)) && (!websocket || open.contains("websocket"))) return;
            }
            Thread.sleep(50);
        }
        throw new IOException("the daemon did not open its sinks within " + timeout.toSeconds() + " s:\n" + output());
    }

    /** {@code accepted} of {@code /v1/health}: the events it took in so far; -1 when it cannot be read. */
    long accepted() {
        Map<?, ?> health = health();
        return health != null && health.get("accepted") instanceof Number n ? n.longValue() : -1;
    }

    /** {@code /v1/health}, or null when it cannot be read. */
    Map<?, ?> health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(healthUri()).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readValue(response.body(), Map.class) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The last lines of the daemon's output. */
    String output() {
        try {
            List<String> lines = Files.readAllLines(workdir.resolve("daemon.out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the daemon (SIGTERM, then up to 30 s) and removes its workdir unless it is kept. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    System.err.println("gluster-events-bench: the daemon did not stop within 30 s of SIGTERM; killing it");
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (keepWorkdir) {
            System.err.println("gluster-events-bench: the daemon's workdir is kept: " + workdir);
            return;
        }
        if (!Files.exists(workdir)) return;
        try (Stream<Path> files = Files.walk(workdir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("gluster-events-bench: could not remove " + workdir + ": " + e.getMessage());
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
