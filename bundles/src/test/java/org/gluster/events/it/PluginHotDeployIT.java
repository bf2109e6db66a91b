package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party sink (examples/jsonl-file-sink), installed the way an operator would: its
 * jar copied into a running daemon's {@code bundles/} folder starts receiving within 5 s, is
 * configured through {@code gluster-eventsapi plugin-config}, and stops when the jar is deleted;
 * a webhook receiving a steady flow all along never notices.
 */
class PluginHotDeployIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE_SINK = Path.of(System.getProperty("glustereventsd.example.sink",
            "../examples/jsonl-file-sink/target/jsonl-file-sink-1.0.0.jar"));
    private static final String PID = "org.example.glusterevents.jsonl";
    private static final int GEOREP_CREATE = 11;

    @Test
    void theExampleSinkDroppedIntoBundlesReceivesWithinFiveSecondsAndDeletingItStopsIt(@TempDir Path root) throws Exception {
        assertTrue(Files.exists(EXAMPLE_SINK), "build the example sink first: " + EXAMPLE_SINK);
        Path home = DaemonProcess.privateDistribution(root);
        Path workdir = root.resolve("node");
        try (WebhookReceiver webhook = new WebhookReceiver(); DaemonProcess daemon = new DaemonProcess(workdir).distribution(home)) {
            daemon.writeWebhooks("{\"" + webhook.url() + "\": {\"token\": \"\", \"secret\": \"\"}}");
            daemon.start();
            daemon.awaitWebhook(webhook.url(), Duration.ofSeconds(15));

            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean flowing = new AtomicBoolean(true);
            Thread flow = new Thread(() -> {
                try {
                    while (flowing.get()) {
                        daemon.sendUdp(System.currentTimeMillis() / 1000 + " " + GEOREP_CREATE + " name=seq-" + sent.getAndIncrement());
                        Thread.sleep(5); // about 200 events/s
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "steady-flow");
            flow.start();
            Thread.sleep(1_000);

            Path jar = home.resolve("bundles").resolve(EXAMPLE_SINK.getFileName());
            Files.copy(EXAMPLE_SINK, jar);
            long copied = System.nanoTime();
            Path defaultFile = workdir.resolve("events/events.jsonl");
            awaitTrue(() -> nonEmpty(defaultFile), Duration.ofSeconds(5), "the example sink wrote nothing within 5 s of the copy");
            System.out.printf("example sink: first line written %.2f s after its jar was copied%n", (System.nanoTime() - copied) / 1e9);
            Map<?, ?> sink = pipelineSink(daemon, "jsonl");
            assertEquals("open", sink.get("state"), sink.toString());
            assertEquals("org.example.glusterevents.jsonl", sink.get("bundle"));

            Path configured = root.resolve("logs/georep.jsonl");
            DaemonProcess.CommandResult config = daemon.eventsapi("plugin-config", PID, "path=" + configured, "max.size.mb=1", "keep=2");
            assertEquals(0, config.exitCode(), config.stdout() + config.stderr());
            awaitTrue(() -> nonEmpty(configured), Duration.ofSeconds(10), "the sink did not move to the configured path");
            DaemonProcess.CommandResult shown = daemon.eventsapi("plugin-config", PID);
            assertTrue(shown.stdout().contains(configured.toString()), shown.stdout());

            Files.delete(jar);
            awaitTrue(() -> !"open".equals(pipelineSink(daemon, "jsonl").get("state")), Duration.ofSeconds(10),
                    "the sink stayed open after its jar was deleted");
            Thread.sleep(300);
            long size = Files.size(configured);
            Thread.sleep(1_500);
            assertEquals(size, Files.size(configured), "the removed sink went on writing");

            flowing.set(false);
            flow.join();
            List<String> names = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (names.size() < sent.get() && System.nanoTime() < deadline) {
                for (WebhookReceiver.Received r : webhook.drain(Duration.ofMillis(500))) {
                    names.add(String.valueOf(((Map<?, ?>) JSON.readValue(r.body(), Map.class).get("message")).get("name")));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < sent.get(); i++) expected.add("seq-" + i);
            assertEquals(expected, names, "the webhook noticed the plugin coming and going");

            for (String line : Files.readAllLines(configured)) {
                Map<?, ?> event = JSON.readValue(line, Map.class);
                assertEquals("GEOREP_CREATE", event.get("event"), line);
                assertTrue(String.valueOf(((Map<?, ?>) event.get("message")).get("name")).startsWith("seq-"), line);
            }
        }
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.exists(file) && Files.size(file) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Map<?, ?> pipelineSink(DaemonProcess daemon, String name) {
        try {
            for (Object sink : (List<?>) daemon.health().get("sinks")) {
                if (name.equals(((Map<?, ?>) sink).get("name"))) return (Map<?, ?>) sink;
            }
            return Map.of();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(failure);
            Thread.sleep(50);
        }
    }
}
