package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client ({@code clients/python}, package {@code gfevents}) as gsyncd uses it, run by
 * {@code /usr/bin/python3} against the distribution's {@code bin/glustereventsd} as a process, with
 * a real HTTP receiver as the webhook: what {@code gf_event()} sends reaches the webhook as the
 * PROTOCOL §2a JSON, through the unix socket and through the UDP fallback; a daemon that is down
 * costs the caller a non-zero code and less than 50 ms. Also runs the client's own unit tests.
 */
class PythonClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PYTHON = "/usr/bin/python3";
    /** The working directory of the tests is the bundles module's. */
    private static final Path CLIENT = Path.of("../clients/python").toAbsolutePath().normalize();

    /**
     * Calls {@code gf_event(EVENT_VOLUME_CREATE, **<argv[1] as JSON>)} and prints
     * {@code {"rc": <code>, "micros": <duration of the call>}}.
     */
    private static final String SCRIPT = String.join("\n",
            "import json, sys, time",
            "from gfevents.gf_event import gf_event",
            "from gfevents import eventtypes",
            "kwargs = json.loads(sys.argv[1])",
            "start = time.perf_counter()",
            "rc = gf_event(eventtypes.EVENT_VOLUME_CREATE, **kwargs)",
            "micros = int((time.perf_counter() - start) * 1e6)",
            "print(json.dumps({'rc': rc, 'micros': micros}))");

    @TempDir
    Path workdir;

    @Test
    void gfEventThroughTheUnixSocketReachesTheWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path socket = socketOf(daemon);
            assertTrue(Files.exists(socket), "the daemon has no socket at " + socket);

            long sentAt = System.currentTimeMillis() / 1000;
            Map<?, ?> result = gfEvent(socket.toString(), daemon.udpPort, Map.of("name", "gv1"));
            assertEquals(0, result.get("rc"), result.toString());

            Map<?, ?> body = volumeCreateAt(receiver);
            assertEquals(Map.of("name", "gv1"), body.get("message"));
            long ts = ((Number) body.get("ts")).longValue();
            assertTrue(Math.abs(ts - sentAt) <= 60, "ts " + ts + " is not within 60 s of " + sentAt);
            UUID.fromString((String) body.get("nodeid"));
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "one gf_event, more than one POST");
        }
    }

    @Test
    void withoutTheSocketFileGfEventFallsBackToUdp() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Path nowhere = workdir.resolve("nonexistent/events.sock");

            Map<?, ?> result = gfEvent(nowhere.toString(), daemon.udpPort, Map.of("name", "gv1"));
            assertEquals(0, result.get("rc"), result.toString());

            assertEquals(Map.of("name", "gv1"), volumeCreateAt(receiver).get("message"));
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "one gf_event, more than one POST");
        }
    }

    @Test
    void aValueWithSemicolonAndEqualsArrivesIntactOverTheSocketAndOverUdp() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Map<String, String> attributes = Map.of("name", "a;b=c", "path", "/x=1");

            Map<?, ?> viaSocket = gfEvent(socketOf(daemon).toString(), daemon.udpPort, attributes);
            assertEquals(0, viaSocket.get("rc"), viaSocket.toString());
            assertEquals(attributes, volumeCreateAt(receiver).get("message"));

            Map<?, ?> viaUdp = gfEvent(workdir.resolve("nonexistent.sock").toString(), daemon.udpPort, attributes);
            assertEquals(0, viaUdp.get("rc"), viaUdp.toString());
            assertEquals(attributes, volumeCreateAt(receiver).get("message"));

            Map<?, ?> textForm = gfEvent(socketOf(daemon).toString(), daemon.udpPort, Map.of("name", "gv1", "options", "a=b,c,"));
            assertEquals(0, textForm.get("rc"), textForm.toString());
            Map<?, ?> message = (Map<?, ?>) volumeCreateAt(receiver).get("message");
            assertEquals("a=b,c,", message.get("options"), message.toString());
        }
    }

    @Test
    void aStoppedDaemonIsANonZeroCodeWithinFiftyMillis() throws Exception {
        Path socket;
        int udpPort;
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            socket = socketOf(daemon);
            udpPort = daemon.udpPort;
        } // SIGTERM: a clean stop

        // whatever the stop left: the socket file (nobody bound to it) or none (UDP, nothing listening)
        Map<?, ?> afterStop = gfEvent(socket.toString(), udpPort, Map.of("name", "gv1"));
        assertNotEquals(0, afterStop.get("rc"), "after a clean stop (socket file there: " + Files.exists(socket) + ")");
        assertFast(afterStop);

        // no socket file, nothing on the UDP port
        Map<?, ?> noSocket = gfEvent(workdir.resolve("nonexistent.sock").toString(), udpPort, Map.of("name", "gv1"));
        assertEquals(3, noSocket.get("rc"), noSocket.toString());
        assertFast(noSocket);
    }

    @Test
    void aKilledDaemonsStaleSocketIsANonZeroCodeWithinFiftyMillis() throws Exception {
        Path socket;
        int udpPort;
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.start();
            socket = socketOf(daemon);
            udpPort = daemon.udpPort;
            daemon.kill(); // kill -9: the socket file stays
        }
        assertTrue(Files.exists(socket), "kill -9 removed " + socket);
        Map<?, ?> result = gfEvent(socket.toString(), udpPort, Map.of("name", "gv1"));
        assertEquals(3, result.get("rc"), result.toString());
        assertFast(result);
    }

    @Test
    void theClientsUnitTestsPass() throws Exception {
        Process python = new ProcessBuilder(PYTHON, "-m", "unittest", "discover", "-v", "-s", CLIENT.resolve("tests").toString())
                .directory(workdir.toFile()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the unit tests did not finish within 120 s");
        assertEquals(0, python.exitValue(), output);
        assertTrue(output.contains("\nOK"), output);
    }

    private static Path socketOf(DaemonProcess daemon) {
        return daemon.workdir.resolve("events/events.sock");
    }

    /** The next POST's body, checked to be the VOLUME_CREATE of PROTOCOL §2a. */
    private static Map<?, ?> volumeCreateAt(WebhookReceiver receiver) throws Exception {
        WebhookReceiver.Received request = receiver.next(Duration.ofSeconds(5));
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("content-type"));
        Map<?, ?> body = JSON.readValue(request.body(), Map.class);
        assertEquals("VOLUME_CREATE", body.get("event"), request.body());
        assertEquals(List.of("event", "message", "nodeid", "ts"), body.keySet().stream().map(String::valueOf).sorted().toList(),
                request.body());
        return body;
    }

    private static void assertFast(Map<?, ?> result) {
        long micros = ((Number) result.get("micros")).longValue();
        assertTrue(micros < 50_000, "gf_event took " + micros + " µs with the daemon down: " + result);
    }

    /** Runs {@link #SCRIPT} with the client on PYTHONPATH and these destinations; its printed JSON. */
    private Map<?, ?> gfEvent(String socket, int udpPort, Map<String, String> attributes) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(CLIENT.resolve("gfevents/gf_event.py")), "no Python client at " + CLIENT);
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-c", SCRIPT, JSON.writeValueAsString(attributes))
                .directory(workdir.toFile());
        builder.environment().put("PYTHONPATH", CLIENT.toString());
        builder.environment().put("GF_EVENTS_SOCKET", socket);
        builder.environment().put("GF_EVENTS_PORT", Integer.toString(udpPort));
        Path stderr = Files.createTempFile(workdir, "python-", ".err");
        builder.redirectError(stderr.toFile());
        Process python = builder.start();
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError("python3 did not finish within 30 s");
        }
        String errors = Files.readString(stderr);
        assertEquals(0, python.exitValue(), "python3 failed: " + stdout + errors);
        return JSON.readValue(stdout.strip(), Map.class);
    }
}
