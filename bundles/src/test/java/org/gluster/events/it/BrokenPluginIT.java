package org.gluster.events.it;

import static org.gluster.events.it.Sequences.range;
import static org.gluster.events.it.Sequences.seq;
import static org.gluster.events.it.Sequences.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins broken in every way a plugin can be, dropped into a running daemon's {@code bundles/}
 * folder and enabled with {@code plugin-config}: a sink whose activation throws, a sink whose
 * thread dies on the first event, a sink whose {@code open()} never returns, and a filter that
 * throws on every event. The webhook beside them still gets every event once, in order, about as
 * fast as without them; {@code gluster-eventsapi pipeline} says what is wrong with each, and
 * {@code bundle list} which component of the bundle failed.
 */
class BrokenPluginIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THROWS_IN_ACTIVATE = "org.gluster.events.test.throwsinactivate";
    private static final String THROWS_PER_EVENT = "org.gluster.events.test.throwsperevent";
    private static final String BLOCKS_FOREVER = "org.gluster.events.test.blocksforever";
    private static final String THROWING_FILTER = "org.gluster.events.test.throwingfilter";
    private static final int EVENTS = 2_000;
    private static final int RATE = 1_000;

    @TempDir
    Path root;

    @Test
    void brokenPluginsHoldUpNoOtherSinkAndThePipelineSaysWhatIsWrongWithEach() throws Exception {
        Path pluginsJar = Path.of(System.getProperty("glustereventsd.test.plugins", "test-plugins/target/events-test-plugins.jar"));
        assertTrue(Files.isRegularFile(pluginsJar), "no test plugins jar at " + pluginsJar + ": build events-test-plugins first");
        Path home = DaemonProcess.privateDistribution(root);
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(Files.createDirectories(root.resolve("workdir"))).distribution(home)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            send(daemon, 100_000, 100_500); // warm-up
            assertEquals(range(100_000, 100_500), sequence(receiver, 500, Duration.ofSeconds(30)), "warm-up");
            long baseline = timedRun(daemon, receiver, 200_000);

            Files.copy(pluginsJar, home.resolve("bundles").resolve(pluginsJar.getFileName()));
            for (String pid : List.of(THROWS_IN_ACTIVATE, THROWS_PER_EVENT, BLOCKS_FOREVER, THROWING_FILTER)) {
                DaemonProcess.CommandResult enabled = daemon.eventsapi("plugin-config", pid, "enabled=true");
                assertEquals(0, enabled.exitCode(), "plugin-config " + pid + ": " + enabled.stdout() + enabled.stderr());
            }
            awaitBrokenPluginsInPlace(daemon);
            long broken = timedRun(daemon, receiver, 0);
            System.out.printf("BrokenPluginIT: %d events at %d/s reached the webhook in %d ms without the broken plugins,"
                    + " %d ms with them%n", EVENTS, RATE, baseline / 1_000_000, broken / 1_000_000);
            assertTrue(broken <= 2 * baseline + 2_000_000_000L, "with the broken plugins " + broken / 1_000_000
                    + " ms, without " + baseline / 1_000_000 + " ms");

            Map<?, ?> node = awaitPipeline(daemon, Duration.ofSeconds(15));
            Map<?, ?> throwsPerEvent = named(node, "sinks", "test:throws-per-event");
            assertEquals("failed", throwsPerEvent.get("state"), "the sink whose thread died: " + throwsPerEvent);
            Map<?, ?> blocksForever = named(node, "sinks", "test:blocks-forever");
            assertEquals("failed", blocksForever.get("state"), "the sink whose open() hangs: " + blocksForever);
            assertTrue(String.valueOf(blocksForever.get("error")).contains("open()"), "the sink whose open() hangs: " + blocksForever);
            Map<?, ?> webhook = named(node, "sinks", "webhook:" + receiver.url());
            assertEquals("open", webhook.get("state"), "the webhook beside them: " + webhook);
            assertEquals(0, ((Number) webhook.get("pending")).intValue(), "the webhook beside them: " + webhook);
            Map<?, ?> throwingFilter = named(node, "filters", "org.gluster.events.test.plugins.ThrowingFilter");
            assertEquals("failing", throwingFilter.get("state"), "the filter that throws: " + throwingFilter);
            assertTrue(((Number) throwingFilter.get("failures")).longValue() > 0, "the filter that throws: " + throwingFilter);
            Map<?, ?> throwsInActivate = named(node, "failed_plugins", "org.gluster.events.test.plugins.ThrowsInActivateSink");
            assertEquals("failed", throwsInActivate.get("state"), "the sink whose activation throws: " + throwsInActivate);
            assertEquals("sink", throwsInActivate.get("kind"), "the sink whose activation throws: " + throwsInActivate);
            assertTrue(String.valueOf(throwsInActivate.get("error")).contains("broken on purpose: activate"),
                    "the sink whose activation throws: " + throwsInActivate);
            for (Map<?, ?> row : List.of(throwsPerEvent, blocksForever, throwingFilter, throwsInActivate)) {
                System.out.println("BrokenPluginIT: pipeline: " + row);
            }

            // The bundle runs; bundle list names the component in it that failed, and why.
            DaemonProcess.CommandResult list = daemon.eventsapi("bundle", "list", "--json");
            assertEquals(0, list.exitCode(), list.stdout() + list.stderr());
            List<?> nodes = (List<?>) JSON.readValue(list.stdout(), Map.class).get("output");
            Map<?, ?> plugins = named((Map<?, ?>) nodes.get(0), "bundles", "org.gluster.events.test.plugins");
            assertEquals("active", plugins.get("state"), "the test plugins' bundle: " + plugins);
            Map<?, ?> failed = named(plugins, "components", "org.gluster.events.test.plugins.ThrowsInActivateSink");
            assertEquals("failed", failed.get("state"), "bundle list: " + failed);
            assertTrue(String.valueOf(failed.get("failure")).contains("broken on purpose: activate"), "bundle list: " + failed);
            System.out.println("BrokenPluginIT: bundle list: " + failed);
        }
    }

    /**
     * Sends {@value #EVENTS} events from {@code from}, paced at {@value #RATE}/s, and checks that the
     * webhook gets each once, in order.
     *
     * @return nanoseconds from the first sent to the last received
     */
    private static long timedRun(DaemonProcess daemon, WebhookReceiver receiver, int from) throws Exception {
        long started = System.nanoTime();
        send(daemon, from, from + EVENTS);
        List<WebhookReceiver.Received> received = new ArrayList<>();
        List<Integer> sequence = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received.size() < EVENTS && System.nanoTime() < deadline) {
            WebhookReceiver.Received request = receiver.next(Duration.ofNanos(deadline - System.nanoTime()));
            received.add(request);
            sequence.add(seq(request.body()));
        }
        assertEquals(range(from, from + EVENTS), sequence, "every event once, in order");
        assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "nothing twice");
        return received.get(received.size() - 1).atNanos() - started;
    }

    /** Waits until the four broken components have done what they do once configured. */
    private static void awaitBrokenPluginsInPlace(DaemonProcess daemon) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<?, ?> health = null;
        while (System.nanoTime() < deadline) {
            health = daemon.health();
            if (has(health, "sinks", "test:throws-per-event") && has(health, "sinks", "test:blocks-forever")
                    && has(health, "filters", "org.gluster.events.test.plugins.ThrowingFilter")
                    && has(health, "failed_plugins", "org.gluster.events.test.plugins.ThrowsInActivateSink")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the broken plugins did not come up within 30 s: " + health + "\n" + daemon.log());
    }

    /**
     * {@code gluster-eventsapi pipeline --json}, this node's entry, once the sink that hangs in
     * {@code open()} has been given up on (which takes the pipeline a few seconds).
     */
    private static Map<?, ?> awaitPipeline(DaemonProcess daemon, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            DaemonProcess.CommandResult pipeline = daemon.eventsapi("pipeline", "--json");
            assertEquals(0, pipeline.exitCode(), pipeline.stdout() + pipeline.stderr());
            List<?> nodes = (List<?>) JSON.readValue(pipeline.stdout(), Map.class).get("output");
            assertEquals(1, nodes.size(), pipeline.stdout());
            Map<?, ?> node = (Map<?, ?>) nodes.get(0);
            if ("failed".equals(named(node, "sinks", "test:blocks-forever").get("state")) || System.nanoTime() > deadline) return node;
            Thread.sleep(500);
        }
    }

    private static boolean has(Map<?, ?> document, String list, String name) {
        return document.get(list) instanceof List<?> rows && rows.stream().map(row -> (Map<?, ?>) row)
                .anyMatch(row -> name.equals(row.get("name")) || name.equals(row.get("component")));
    }

    /** The row of {@code list} named {@code name} (a sink or filter by its name, a failed plugin by its component). */
    private static Map<?, ?> named(Map<?, ?> document, String list, String name) {
        Object rows = document.get(list);
        assertNotNull(rows, "no " + list + " in " + document);
        for (Object row : (List<?>) rows) {
            Map<?, ?> map = (Map<?, ?>) row;
            if (name.equals(map.get("name")) || name.equals(map.get("component"))) return map;
        }
        throw new AssertionError("no " + name + " in " + list + ": " + rows);
    }

    /** Sends {@code seq} from..until-1 as UDP text at {@value #RATE} per second. */
    private static void send(DaemonProcess daemon, int from, int until) throws IOException {
        long started = System.nanoTime();
        long ts = System.currentTimeMillis() / 1000;
        for (int i = from; i < until; i++) {
            long early = started + (long) (i - from) * 1_000_000_000L / RATE - System.nanoTime();
            if (early > 200_000) LockSupport.parkNanos(early);
            daemon.sendUdp(ts + " 79 peer=10.0.0.1:49152;volume=gv0;seq=" + i);
        }
    }
}
