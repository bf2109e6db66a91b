package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go client, {@code clients/go}: its vet and unit tests pass, and its {@code gf-event} command,
 * built here with the Go toolchain, sends through the distribution's {@code bin/glustereventsd} to a
 * real webhook over the AF_UNIX socket and over UDP, and reports a stopped daemon at once.
 */
class GoClientIT {
    /** The Go module; the tests run in the bundles module's folder. */
    private static final Path MODULE = Path.of("..", "clients", "go").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT = Pattern.compile("code=(\\d+) elapsed_us=(\\d+)\\s*");
    private static final Pattern BODY = Pattern.compile(
            "\\{\"event\": \"VOLUME_CREATE\", \"message\": \\{\"name\": \"gv1\"\\}, \"nodeid\": \"[0-9a-f-]{36}\", \"ts\": (\\d+)\\}");

    @TempDir
    static Path goHome;
    private static Path cli;

    /** What a command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** What {@code gf-event} printed: its code and how long the call took by its own clock. */
    record Emitted(int exitCode, int code, long elapsedMicros, String stderr) {
    }

    @BeforeAll
    static void buildCli() throws Exception {
        cli = goHome.resolve("gf-event");
        Result build = go("build", "-o", cli.toString(), "./cmd/gf-event");
        assertEquals(0, build.exitCode(), "go build of gf-event failed: " + build);
        assertTrue(Files.isExecutable(cli), cli + " was not built");
    }

    @Test
    void goVetAndTheUnitTestsPass() throws Exception {
        Result vet = go("vet", "./...");
        assertEquals(0, vet.exitCode(), "go vet: " + vet);
        Result test = go("test", "-count=1", "./...");
        assertEquals(0, test.exitCode(), "go test: " + test);
        System.out.println("go test ./... in " + MODULE + ":\n" + test.stdout());
    }

    @Test
    void eventsReachTheWebhookOverTheUnixSocketAndOverUdpAndValuesWithSemicolonsArriveIntact(@TempDir Path workdir)
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = awaitSocket(workdir);
            // the socket's way: no UDP fallback possible (nothing listens on that port)
            Map<String, String> viaSocket = Map.of("GF_EVENTS_SOCKET", socket.toString(),
                    "GF_EVENTS_PORT", String.valueOf(DaemonProcess.freeUdpPort()));
            Map<String, String> viaUdp = Map.of("GF_EVENTS_SOCKET", "/nonexistent",
                    "GF_EVENTS_PORT", String.valueOf(daemon.udpPort));

            for (Map<String, String> way : List.of(viaSocket, viaUdp)) {
                long sentAt = System.currentTimeMillis() / 1000;
                Emitted sent = emit(way, "VOLUME_CREATE", "name=gv1");
                assertEquals(0, sent.exitCode(), "gf-event with " + way + ": " + sent);
                assertEquals(0, sent.code(), sent.toString());
                String body = receiver.next(Duration.ofSeconds(5)).body();
                Matcher matcher = BODY.matcher(body);
                assertTrue(matcher.matches(), "not the §2a JSON of VOLUME_CREATE name=gv1 (sent with " + way + "): " + body);
                long ts = Long.parseLong(matcher.group(1));
                assertTrue(Math.abs(ts - sentAt) <= 60, "ts " + ts + " is not the time it was sent, " + sentAt);
            }

            // a ';' in a value, a trailing space: the client sends JSON, and the values arrive as they were given
            for (Map<String, String> way : List.of(viaSocket, viaUdp)) {
                Emitted sent = emit(way, "VOLUME_CREATE", "name=gv1", "opt=a;b=c", "note=x=y", "pad=ends in a space ");
                assertEquals(0, sent.exitCode(), "gf-event with " + way + ": " + sent);
                String body = receiver.next(Duration.ofSeconds(5)).body();
                Map<?, ?> event = JSON.readValue(body, Map.class);
                assertEquals("VOLUME_CREATE", event.get("event"), body);
                assertEquals(Map.of("name", "gv1", "opt", "a;b=c", "note", "x=y", "pad", "ends in a space "), event.get("message"),
                        "sent with " + way + ": " + body);
            }

            List<WebhookReceiver.Received> extra = receiver.drain(Duration.ofMillis(500));
            assertTrue(extra.isEmpty(), "one call, one POST; also got " + extra);
        }
    }

    @Test
    void aDaemonStoppedWithSigtermIsAnErrorWithin50ms(@TempDir Path workdir) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = awaitSocket(workdir);
            assertEquals(0, emit(socketAndPort(socket, daemon), "VOLUME_CREATE", "name=gv1").exitCode());
            receiver.next(Duration.ofSeconds(5));

            daemon.close();
            System.out.println("after SIGTERM the socket file " + (Files.exists(socket) ? "is left" : "is gone"));
            assertDownWithin50ms(socketAndPort(socket, daemon), "stopped; GF_EVENTS_SOCKET=its socket");
            assertDownWithin50ms(Map.of("GF_EVENTS_SOCKET", "/nonexistent", "GF_EVENTS_PORT", String.valueOf(daemon.udpPort)),
                    "stopped; UDP");
        }
    }

    @Test
    void aKilledDaemonsStaleSocketIsAnErrorWithin50ms(@TempDir Path workdir) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = awaitSocket(workdir);

            daemon.kill();
            System.out.println("after kill -9 the socket file " + (Files.exists(socket) ? "is left" : "is gone"));
            assertDownWithin50ms(socketAndPort(socket, daemon), "killed; GF_EVENTS_SOCKET=its socket");
            assertDownWithin50ms(Map.of("GF_EVENTS_SOCKET", "/nonexistent", "GF_EVENTS_PORT", String.valueOf(daemon.udpPort)),
                    "killed; UDP");
        }
    }

    private static Map<String, String> socketAndPort(Path socket, DaemonProcess daemon) {
        return Map.of("GF_EVENTS_SOCKET", socket.toString(), "GF_EVENTS_PORT", String.valueOf(daemon.udpPort));
    }

    private static void assertDownWithin50ms(Map<String, String> env, String what) throws Exception {
        Emitted sent = emit(env, "VOLUME_CREATE", "name=gv1");
        System.out.println("gf-event, daemon " + what + ": exit " + sent.exitCode() + ", the call took "
                + sent.elapsedMicros() + " µs: " + sent.stderr().strip());
        assertNotEquals(0, sent.exitCode(), "no error from a daemon that is down (" + what + "): " + sent);
        assertEquals(3, sent.code(), "not EVENT_ERROR_CONNECT (" + what + "): " + sent);
        assertTrue(sent.elapsedMicros() < 50_000, "the call took " + sent.elapsedMicros() + " µs (" + what + ")");
    }

    private static Path awaitSocket(Path workdir) throws InterruptedException {
        Path socket = workdir.resolve("events/events.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(Files.exists(socket), "the daemon made no socket " + socket);
        return socket;
    }

    /** Runs the built {@code gf-event} with these environment variables. */
    private static Emitted emit(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Result result = run(builder, Duration.ofSeconds(10));
        Matcher matcher = OUTPUT.matcher(result.stdout());
        assertTrue(matcher.matches(), "gf-event printed no code: " + result);
        assertEquals(Integer.parseInt(matcher.group(1)), result.exitCode(), "exit code is not the printed code: " + result);
        return new Emitted(result.exitCode(), Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)),
                result.stderr());
    }

    /** Runs the Go tool in the module, offline, with a cache of its own. */
    private static Result go(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(goTool()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE.toFile());
        Map<String, String> env = builder.environment();
        env.remove("GOFLAGS");
        env.put("GOCACHE", goHome.resolve("cache").toString());
        env.put("GOPATH", goHome.resolve("gopath").toString());
        env.put("GOPROXY", "off");
        env.put("GOENV", "off");
        env.put("GOWORK", "off");
        env.put("GOTOOLCHAIN", "local");
        env.put("GO111MODULE", "on");
        env.put("CGO_ENABLED", "0");
        return run(builder, Duration.ofMinutes(5));
    }

    private static String goTool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) return Path.of(dir, "go").toString();
        }
        if (Files.isExecutable(Path.of("/usr/bin/go"))) return "/usr/bin/go";
        throw new AssertionError("no Go toolchain (go) on PATH: the Go client cannot be built");
    }

    private static Result run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(goHome, "out-", ".txt");
        Path stderr = Files.createTempFile(goHome, "err-", ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish within " + timeout);
        }
        Result result = new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }
}
