package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C client ({@code clients/c}: {@code gf_event}, {@code gf_event_pairs}) built with its own
 * Makefile and run as a process against the distribution's {@code bin/glustereventsd}: what it sends
 * over the AF_UNIX socket and over UDP comes out at a real webhook as the PROTOCOL §2a JSON, and a
 * stopped daemon is an error code within 50 ms of the call, as the C program times it.
 */
class CClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Relative to the bundles module, the failsafe working directory. */
    private static final Path CLIENT = Path.of("..", "clients", "c").toAbsolutePath().normalize();
    /** {@code emit create NAME} / {@code emit pairs NAME LABEL}: one timed call, "rc=N elapsed_us=M". */
    private static final Path EMIT = CLIENT.resolve("build/emit");
    private static final Pattern RESULT = Pattern.compile("rc=(\\d+) elapsed_us=(\\d+)\\s*");
    private static final int EVENT_ERROR_CONNECT = 3;

    @TempDir
    Path workdir;

    record Emitted(int rc, long elapsedMicros, String output) {
    }

    @BeforeAll
    static void buildTheClient() throws Exception {
        Process make = new ProcessBuilder("make", "-C", CLIENT.toString()).redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(120, TimeUnit.SECONDS), "make did not finish within 120 s:\n" + output);
        assertEquals(0, make.exitValue(), "make -C " + CLIENT + " failed:\n" + output);
        assertTrue(Files.isExecutable(EMIT), EMIT + " was not built:\n" + output);
        for (String built : List.of("libgfevent.a", "libgfevent.so", "gfevent.pc")) {
            assertTrue(Files.exists(CLIENT.resolve(built)), built + " was not built:\n" + output);
        }
    }

    @Test
    void theLibrarysOwnChecksPass() throws Exception {
        Process check = new ProcessBuilder("make", "-C", CLIENT.toString(), "check").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(120, TimeUnit.SECONDS), "make check did not finish within 120 s:\n" + output);
        assertEquals(0, check.exitValue(), "make -C " + CLIENT + " check failed:\n" + output);
    }

    @Test
    void gfEventOverTheUnixSocketArrivesAsVolumeCreate() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = awaitSocket(daemon);

            long sentAt = System.currentTimeMillis() / 1000;
            Emitted emitted = emit(socket.toString(), daemon.udpPort, "create", "gv1");
            assertEquals(0, emitted.rc(), emitted.output());

            String body = receiver.next(Duration.ofSeconds(5)).body();
            assertTrue(body.startsWith("{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \""), body);
            Map<?, ?> event = JSON.readValue(body, Map.class);
            assertEquals(Map.of("name", "gv1"), event.get("message"));
            UUID.fromString((String) event.get("nodeid"));
            long ts = ((Number) event.get("ts")).longValue();
            assertTrue(Math.abs(ts - sentAt) <= 60, "ts " + ts + " is not within 60 s of " + sentAt);
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "one call, one POST");
        }
    }

    @Test
    void withoutTheSocketFileGfEventFallsBackToUdp() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            awaitSocket(daemon);

            Emitted emitted = emit("/nonexistent/events.sock", daemon.udpPort, "create", "gv-udp");
            assertEquals(0, emitted.rc(), emitted.output());

            Map<?, ?> event = JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class);
            assertEquals("VOLUME_CREATE", event.get("event"));
            assertEquals(Map.of("name", "gv-udp"), event.get("message"));
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "one call, one POST");
        }
    }

    @Test
    void aValueWithSemicolonAndEqualsArrivesIntactOverBothPaths() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = awaitSocket(daemon);

            Emitted viaSocket = emit(socket.toString(), daemon.udpPort, "pairs", "gv1", "a;b=c");
            assertEquals(0, viaSocket.rc(), viaSocket.output());
            Map<?, ?> first = JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class);
            assertEquals("VOLUME_CREATE", first.get("event"));
            assertEquals(Map.of("name", "gv1", "label", "a;b=c"), first.get("message"));

            Emitted viaUdp = emit("/nonexistent/events.sock", daemon.udpPort, "pairs", "gv2", "x;y=z;\"q\"\\");
            assertEquals(0, viaUdp.rc(), viaUdp.output());
            Map<?, ?> second = JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class);
            assertEquals(Map.of("name", "gv2", "label", "x;y=z;\"q\"\\"), second.get("message"));
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "two calls, two POSTs");
        }
    }

    @Test
    void aStoppedDaemonIsAnErrorWithinFiftyMilliseconds() throws Exception {
        DaemonProcess daemon = new DaemonProcess(workdir);
        Path socket;
        try (WebhookReceiver receiver = new WebhookReceiver(); daemon) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            socket = awaitSocket(daemon);
            assertEquals(0, emit(socket.toString(), daemon.udpPort, "create", "gv1").rc());
            receiver.next(Duration.ofSeconds(5));
        }
        // a clean stop removes the socket file: UDP, with nobody on the port
        assertDaemonDown(socket, daemon.udpPort);
        assertDaemonDown(Path.of("/nonexistent/events.sock"), daemon.udpPort);
    }

    @Test
    void aKilledDaemonsLeftoverSocketFileIsAnErrorWithinFiftyMilliseconds() throws Exception {
        DaemonProcess daemon = new DaemonProcess(workdir);
        Path socket;
        try (WebhookReceiver receiver = new WebhookReceiver(); daemon) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            socket = awaitSocket(daemon);
            daemon.kill();
        }
        assertTrue(Files.exists(socket), "kill -9 removed " + socket);
        // the socket file stays with nobody bound to it: connect is refused
        assertDaemonDown(socket, daemon.udpPort);
    }

    /** Both calls of emit return EVENT_ERROR_CONNECT (non-zero), each within 50 ms as the C program times it. */
    private static void assertDaemonDown(Path socket, int udpPort) throws Exception {
        for (String mode : List.of("create", "pairs")) {
            Emitted emitted = mode.equals("create") ? emit(socket.toString(), udpPort, "create", "gv1")
                    : emit(socket.toString(), udpPort, "pairs", "gv1", "a;b=c");
            String what = mode + " with GF_EVENTS_SOCKET=" + socket + " (exists: " + Files.exists(socket) + "): "
                    + emitted.output();
            assertNotEquals(0, emitted.rc(), what);
            assertEquals(EVENT_ERROR_CONNECT, emitted.rc(), what);
            assertTrue(emitted.elapsedMicros() < 50_000, "the call took " + emitted.elapsedMicros() + " us: " + what);
            System.out.println("daemon down: " + what);
        }
    }

    private static Path awaitSocket(DaemonProcess daemon) throws InterruptedException {
        Path socket = daemon.workdir.resolve("events/events.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(Files.exists(socket), "the daemon did not create " + socket + " within 10 s");
        return socket;
    }

    /** Runs build/emit with the client's environment; the exit code must be the printed return code. */
    private static Emitted emit(String socket, int udpPort, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(EMIT.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("GF_EVENTS_SOCKET", socket);
        builder.environment().put("GF_EVENTS_PORT", Integer.toString(udpPort));
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "emit did not finish: " + output);
        Matcher matcher = RESULT.matcher(output);
        assertTrue(matcher.matches(), "emit printed " + output);
        int rc = Integer.parseInt(matcher.group(1));
        assertEquals(rc, process.exitValue(), "exit code is not the return code: " + output);
        return new Emitted(rc, Long.parseLong(matcher.group(2)), output.strip());
    }
}
