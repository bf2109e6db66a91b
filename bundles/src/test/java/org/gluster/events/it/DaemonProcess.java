package org.gluster.events.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bin/glustereventsd} of the built distribution, run as a real process on a temporary
 * workdir with free ports; its output goes to {@code <workdir>/daemon.out}.
 */
final class DaemonProcess implements AutoCloseable {
    static final Path DISTRIBUTION = Path.of(System.getProperty("glustereventsd.distribution",
            "target/glustereventsd")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path workdir;
    final int udpPort;
    final int restPort;
    private Process process;
    private String javaOptions;
    private final Map<String, String> environment = new java.util.HashMap<>();

    /** The distribution this daemon runs from: the built one, or a private copy whose bundles/ a test may change. */
    private Path distribution = DISTRIBUTION;

    /**
     * A copy of the built distribution under {@code root}, for a test that drops jars into its
     * {@code bundles/} folder without touching the one every other test runs.
     */
    static Path privateDistribution(Path root) throws IOException {
        Path copy = root.resolve("glustereventsd");
        try (var files = Files.walk(DISTRIBUTION)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(DISTRIBUTION.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** Runs this daemon and its tools from {@code home} (see {@link #privateDistribution}). */
    DaemonProcess distribution(Path home) {
        this.distribution = home;
        return this;
    }

    DaemonProcess(Path workdir) throws IOException {
        this(workdir, "127.0.0.1", freeUdpPort(), freeTcpPort());
    }

    /** A node of a cluster on one machine: its own loopback address, the same ports as the others. */
    DaemonProcess(Path workdir, String bindAddress, int udpPort, int restPort) throws IOException {
        this.workdir = workdir;
        this.udpPort = udpPort;
        this.restPort = restPort;
        Files.createDirectories(workdir.resolve("events"));
        Files.writeString(workdir.resolve("events/config.json"),
                "{\"port\": " + udpPort + ", \"rest-port\": " + restPort + ", \"bind-address\": \"" + bindAddress + "\"}");
        this.bindAddress = bindAddress;
    }

    private final String bindAddress;

    DaemonProcess writeWebhooks(String json) throws IOException {
        Path temp = workdir.resolve("events/webhooks.json.tmp");
        Files.writeString(temp, json);
        Files.move(temp, workdir.resolve("events/webhooks.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return this;
    }

    /** JVM options for the daemon, in place of bin/glustereventsd's defaults ({@code JAVA_OPTS}). */
    DaemonProcess javaOptions(String options) {
        this.javaOptions = options;
        return this;
    }

    /** An environment variable for the daemon, besides the test's own. */
    DaemonProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    DaemonProcess start() throws Exception {
        process = launch();
        awaitHealthy(Duration.ofSeconds(20));
        return this;
    }

    /** Starts another process on the same workdir and returns it without waiting. */
    Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/glustereventsd").toString(),
                "--workdir", workdir.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(workdir.resolve("daemon.out").toFile()));
        builder.environment().remove("GLUSTERD_WORKDIR");
        if (javaOptions != null) builder.environment().put("JAVA_OPTS", javaOptions);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until every source runs and every webhook's sink is open. */
    void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the daemon exited with " + process.exitValue() + ":\n" + output());
            try {
                Map<?, ?> health = health();
                List<?> sources = (List<?>) health.get("sources");
                if (sources == null) { // the HTTP server is up, its health route not yet
                    Thread.sleep(50);
                    continue;
                }
                boolean running = sources.size() == 2 && sources.stream().allMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("running")));
                long webhooks = ((List<?>) health.get("webhooks")).size();
                long openWebhookSinks = ((List<?>) health.get("sinks")).stream()
                        .filter(s -> ((Map<?, ?>) s).get("name").toString().startsWith("webhook:"))
                        .filter(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("open"))).count();
                if (running && openWebhookSinks == webhooks) return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the daemon did not become healthy within " + timeout + " (" + last + "):\n" + output());
    }

    /** Waits until the daemon uses {@code url}: in its webhooks, with its sink open. */
    void awaitWebhook(String url, Duration timeout) throws Exception {
        awaitSink("webhook:" + url, timeout);
    }

    /** Waits until the sink named {@code name} is open (a webhook, {@code relay:<peer>}, {@code websocket}). */
    void awaitSink(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> health = health();
            if (health.get("sinks") instanceof List<?> sinks && sinks.stream().map(sink -> (Map<?, ?>) sink)
                    .anyMatch(sink -> sink.get("name").equals(name) && Boolean.TRUE.equals(sink.get("open")))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the daemon did not open sink " + name + " within " + timeout + ":\n" + log());
    }

    Map<?, ?> health() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + bindAddress + ":" + restPort + "/v1/health"))
                        .timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readValue(response.body(), Map.class);
    }

    /** {@code GET /metrics}: the Prometheus text. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + bindAddress + ":" + restPort + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("/metrics answered " + response.statusCode());
        return response.body();
    }

    void sendUdp(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(bindAddress), udpPort));
        }
    }

    /** What a command-line tool printed and how it exited. */
    record CommandResult(int exitCode, String stdout, String stderr) {
    }

    /** Runs the distribution's {@code bin/gluster-eventsapi} on this daemon's workdir. */
    CommandResult eventsapi(String... args) throws IOException, InterruptedException {
        return tool("gluster-eventsapi", args);
    }

    /** Runs the distribution's {@code bin/<name>} on this daemon's workdir. */
    CommandResult tool(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/" + name).toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--workdir", workdir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("GLUSTERD_WORKDIR");
        Path stderr = Files.createTempFile(workdir, name + "-", ".err");
        builder.redirectError(stderr.toFile());
        Process tool = builder.start();
        String stdout = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(60, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            throw new AssertionError(name + " " + String.join(" ", args) + " did not finish within 60 s");
        }
        String errors = Files.readString(stderr);
        Files.delete(stderr);
        return new CommandResult(tool.exitValue(), stdout, errors);
    }

    String output() {
        try {
            return Files.readString(workdir.resolve("daemon.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    void awaitLog(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the log never said \"" + text + "\" within " + timeout + ":\n" + log());
    }

    String log() throws IOException {
        return Files.readString(workdir.resolve("events/log/events.log"));
    }

    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) return;
        process.destroy(); // SIGTERM: a clean stop
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not stop within 20 s of SIGTERM");
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

    static List<String> lines(String text, String containing) {
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) if (line.contains(containing)) found.add(line);
        return found;
    }
}
