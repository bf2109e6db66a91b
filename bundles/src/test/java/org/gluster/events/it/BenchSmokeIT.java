package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gluster-events-bench --start-daemon} of the built distribution, as a process: it starts
 * its own daemon, loads it over each transport, and its JSON report counts every event at every
 * receiver. Figures such as rates and latencies are printed by the tool, never asserted here.
 */
class BenchSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Runs the tool with {@code args} and {@code --json}; the report, after checking it exited 0. */
    private Map<?, ?> bench(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DaemonProcess.DISTRIBUTION.resolve("bin/gluster-events-bench").toString(),
                "--start-daemon", "--receiver-port", "0", "--json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("GLUSTERD_WORKDIR");
        // the daemon's workdir goes under the test's temporary folder
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.io.tmpdir=" + temp);
        Path stderr = temp.resolve("bench.err");
        builder.redirectError(stderr.toFile());
        Process bench = builder.start();
        String stdout = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!bench.waitFor(90, TimeUnit.SECONDS)) {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
            throw new AssertionError("gluster-events-bench did not finish within 90 s:\n" + Files.readString(stderr));
        }
        String errors = Files.readString(stderr);
        assertEquals(0, bench.exitValue(), "exit status of " + String.join(" ", command) + "\n" + stdout + "\n" + errors);
        System.out.println("BenchSmokeIT " + String.join(" ", args) + ": " + stdout.strip());
        try (var files = Files.list(temp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("gluster-events-bench-")),
                    "the daemon's workdir is removed at the end");
        }
        return JSON.readValue(stdout, Map.class);
    }

    private static Map<?, ?> map(Map<?, ?> json, String key) {
        return (Map<?, ?>) json.get(key);
    }

    private static List<Map<?, ?>> list(Map<?, ?> json, String key) {
        return ((List<?>) json.get(key)).stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).toList();
    }

    /** Each receiver of the list got every one of {@code sent} events once. */
    private static void assertEachGotEveryEventOnce(List<Map<?, ?>> receivers, int sent) {
        for (Map<?, ?> receiver : receivers) {
            assertEquals(sent, ((Number) receiver.get("delivered")).intValue(), receiver.toString());
            assertEquals(0, ((Number) receiver.get("lost")).intValue(), receiver.toString());
            assertEquals(0, ((Number) receiver.get("duplicated")).intValue(), receiver.toString());
        }
    }

    @Test
    void overUdpEveryWebhookAndEveryWebSocketClientGetsEachEventOnce() throws Exception {
        Map<?, ?> report = bench("-n", "300", "-r", "1000", "--warmup", "50", "--webhooks", "2", "--websockets", "3", "--idle-seconds", "1");

        assertEquals(300, report.get("sent"));
        List<Map<?, ?>> webhooks = list(map(report, "webhooks"), "per_receiver");
        assertEquals(2, webhooks.size());
        assertEachGotEveryEventOnce(webhooks, 300);
        Map<?, ?> websockets = map(report, "websockets");
        assertEquals(3, websockets.get("connected"));
        assertEquals(0, websockets.get("dropped"));
        List<Map<?, ?>> clients = list(websockets, "per_client");
        assertEquals(3, clients.size());
        assertEachGotEveryEventOnce(clients, 300);
        assertEquals(900, ((Number) map(map(report, "websockets"), "latency_ms").get("count")).intValue(), "a latency per delivery");

        Map<?, ?> daemon = map(report, "daemon");
        assertEquals(300, ((Number) daemon.get("accepted")).intValue());
        assertTrue(((Number) daemon.get("ready_ms")).longValue() > 0, daemon.toString());
        assertTrue(((Number) daemon.get("idle_rss_mib")).longValue() > 0, daemon.toString());
        assertTrue(((Number) daemon.get("peak_rss_mib")).longValue() > 0, daemon.toString());
        assertTrue(daemon.containsKey("heap_used_mib"), "jstat read the heap: " + daemon);
    }

    @Test
    void overTheDaemonsUnixSocketEveryEventArrivesOnce() throws Exception {
        Map<?, ?> report = bench("--transport", "unix", "-n", "100", "-r", "1000", "--warmup", "10", "--idle-seconds", "0");

        assertEquals("unix", map(report, "parameters").get("transport"));
        assertEachGotEveryEventOnce(list(map(report, "webhooks"), "per_receiver"), 100);
    }

    @Test
    void throughTheJavaClientEveryEventArrivesOnce() throws Exception {
        Map<?, ?> report = bench("--transport", "java", "-n", "50", "--warmup", "10", "--idle-seconds", "0");

        assertEquals("java", map(report, "parameters").get("transport"));
        assertEachGotEveryEventOnce(list(map(report, "webhooks"), "per_receiver"), 50);
    }
}
