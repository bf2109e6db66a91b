package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real daemons on 127.0.0.2-4: {@code disable Volume.*} run on one node silences VOLUME_*
 * events of every node at every webhook, {@code enable} brings them back, and a webhook subscribed
 * with {@code --events} gets only those events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiltersClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTS = ThreeNodes.HOSTS;
    /** Wire codes (PROTOCOL §1a). */
    private static final int VOLUME_CREATE = 2;
    private static final int GEOREP_CREATE = 11;
    /** Config Admin hands a pushed change to the filter asynchronously: within milliseconds, allowed seconds. */
    private static final long APPLIED_MILLIS = 2_000;

    private final List<DaemonProcess> nodes = new ArrayList<>();
    private WebhookReceiver webhook;

    @BeforeAll
    void startCluster(@TempDir Path root) throws Exception {
        ThreeNodes cluster = new ThreeNodes(root);
        int udpPort = DaemonProcess.freeUdpPort();
        int restPort = DaemonProcess.freeTcpPort();
        for (int n = 0; n < 3; n++) nodes.add(new DaemonProcess(cluster.workdir(n), HOSTS[n], udpPort, restPort));
        for (DaemonProcess node : nodes) node.start();
        webhook = new WebhookReceiver();
        assertEquals(0, nodes.get(0).eventsapi("webhook-add", webhook.url()).exitCode());
        for (DaemonProcess node : nodes) node.awaitWebhook(webhook.url(), Duration.ofSeconds(15));
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (DaemonProcess node : nodes) node.close();
        if (webhook != null) webhook.close();
    }

    /** Sends {@code count} VOLUME_CREATE and GEOREP_CREATE events on every node, named after their round. */
    private void emitEverywhere(String round, int count) throws Exception {
        for (int n = 0; n < 3; n++) {
            for (int i = 0; i < count; i++) {
                long now = System.currentTimeMillis() / 1000;
                nodes.get(n).sendUdp(now + " " + VOLUME_CREATE + " name=" + round + "-" + n + "-" + i);
                nodes.get(n).sendUdp(now + " " + GEOREP_CREATE + " name=" + round + "-" + n + "-" + i);
            }
        }
    }

    /** What {@code receiver} got, at least {@code expected} events unless 20 s pass, as (event, nodeid, name). */
    private static List<List<String>> received(WebhookReceiver receiver, int expected) throws Exception {
        List<List<String>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (got.size() < expected && System.nanoTime() < deadline) got.addAll(received(receiver, Duration.ofMillis(500)));
        got.addAll(received(receiver, Duration.ofSeconds(1)));
        return got;
    }

    /** What {@code receiver} got until it was quiet for {@code quiet}. */
    private static List<List<String>> received(WebhookReceiver receiver, Duration quiet) throws Exception {
        List<List<String>> got = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.drain(quiet)) {
            Map<?, ?> body = JSON.readValue(r.body(), Map.class);
            got.add(List.of(String.valueOf(body.get("event")), String.valueOf(body.get("nodeid")),
                    String.valueOf(((Map<?, ?>) body.get("message")).get("name"))));
        }
        return got;
    }

    private static long count(List<List<String>> events, String name) {
        return events.stream().filter(e -> e.get(0).equals(name)).count();
    }

    @Test
    void disablingOnOneNodeSilencesThoseEventsOfEveryNodeAndEnablingBringsThemBack() throws Exception {
        DaemonProcess.CommandResult disabled = nodes.get(1).eventsapi("disable", "Volume.*");
        assertEquals(0, disabled.exitCode(), disabled.stdout() + disabled.stderr());
        assertTrue(disabled.stdout().contains("Disabled: Volume.*"), disabled.stdout());
        Thread.sleep(APPLIED_MILLIS);

        emitEverywhere("off", 20);
        List<List<String>> whileDisabled = received(webhook, 60);
        assertEquals(0, count(whileDisabled, "VOLUME_CREATE"), "VOLUME_* events got through: " + whileDisabled);
        assertEquals(60, count(whileDisabled, "GEOREP_CREATE"));
        Set<String> nodeIds = new HashSet<>();
        whileDisabled.forEach(e -> nodeIds.add(e.get(1)));
        assertEquals(3, nodeIds.size(), "not every node's events came");

        DaemonProcess.CommandResult again = nodes.get(2).eventsapi("disable", "VOLUME_*");
        assertEquals(2, again.exitCode(), "the same pattern in the other name form is no change: " + again.stdout());

        Map<?, ?> filters = JSON.readValue(nodes.get(0).eventsapi("filters", "--json").stdout(), Map.class);
        Map<?, ?> output = (Map<?, ?>) filters.get("output");
        assertEquals(List.of("Volume.*"), output.get("disabled"));
        for (Object node : (List<?>) output.get("nodes")) {
            List<?> running = (List<?>) ((Map<?, ?>) node).get("filters");
            Map<?, ?> keyGlob = (Map<?, ?>) running.stream().filter(f -> "key-glob".equals(((Map<?, ?>) f).get("name"))).findFirst().orElseThrow();
            assertTrue(((Number) keyGlob.get("dropped")).longValue() >= 20, "on " + ((Map<?, ?>) node).get("node") + ": " + keyGlob);
        }

        DaemonProcess.CommandResult enabled = nodes.get(0).eventsapi("enable", "Volume.*");
        assertEquals(0, enabled.exitCode(), enabled.stdout() + enabled.stderr());
        Thread.sleep(APPLIED_MILLIS);

        emitEverywhere("on", 20);
        List<List<String>> afterEnable = received(webhook, 120);
        assertEquals(60, count(afterEnable, "VOLUME_CREATE"), "VOLUME_* events of every node are back");
        assertEquals(60, count(afterEnable, "GEOREP_CREATE"));
        assertEquals(2, nodes.get(0).eventsapi("enable", "Volume.*").exitCode(), "enabling what is not disabled");
    }

    @Test
    void aWebhookSubscribedWithEventsGetsOnlyThose() throws Exception {
        try (WebhookReceiver georep = new WebhookReceiver()) {
            DaemonProcess.CommandResult added = nodes.get(0).eventsapi("webhook-add", georep.url(), "--events", "Georep.*");
            assertEquals(0, added.exitCode(), added.stdout() + added.stderr());
            for (DaemonProcess node : nodes) node.awaitWebhook(georep.url(), Duration.ofSeconds(15));

            emitEverywhere("sub", 10);
            List<List<String>> got = received(georep, 30);
            assertEquals(30, got.size(), got.toString());
            assertEquals(30, count(got, "GEOREP_CREATE"));
            received(webhook, 60); // the other webhook's share of this test

            DaemonProcess.CommandResult bad = nodes.get(0).eventsapi("webhook-mod", georep.url(), "--events", "Volume.Cre ate");
            assertEquals(1, bad.exitCode());
            assertTrue(bad.stderr().contains("is not an event pattern"), bad.stderr());
            assertEquals(0, nodes.get(0).eventsapi("webhook-del", georep.url()).exitCode());
        }
    }
}
