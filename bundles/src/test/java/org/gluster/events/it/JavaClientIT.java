package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;
import org.gluster.events.api.emit.GfEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM's gf_event ({@link GfEvent}) against a real daemon: what it sends reaches a webhook; a daemon that is gone is told at once. */
class JavaClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventType VOLUME_CREATE = EventTypes.byName("Volume.Create").orElseThrow();

    @Test
    void gfEventReachesTheWebhookAndADaemonThatIsGoneIsAnErrorCodeAtOnce(@TempDir Path workdir) throws Exception {
        int udpPort;
        try (WebhookReceiver receiver = new WebhookReceiver(); DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            daemon.awaitWebhook(receiver.url(), Duration.ofSeconds(15));
            udpPort = daemon.udpPort;

            assertEquals(GfEvent.EVENT_SEND_OK, GfEvent.send(VOLUME_CREATE, Map.of("name", "gv1"), udpPort));
            Map<?, ?> event = JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class);
            assertEquals("VOLUME_CREATE", event.get("event"));
            assertEquals(Map.of("name", "gv1"), event.get("message"));

            assertEquals(GfEvent.EVENT_SEND_OK, GfEvent.send(VOLUME_CREATE, Map.of("name", "gv2", "label", "a;b=c"), udpPort));
            event = JSON.readValue(receiver.next(Duration.ofSeconds(5)).body(), Map.class);
            assertEquals(Map.of("name", "gv2", "label", "a;b=c"), event.get("message"), "a ';' in a value arrives intact");
        }

        long started = System.nanoTime();
        int code = GfEvent.send(VOLUME_CREATE, Map.of("name", "gv3"), udpPort);
        long micros = (System.nanoTime() - started) / 1_000;
        System.out.println("JavaClientIT: with the daemon gone, gf_event returned " + code + " in " + micros + " µs");
        assertEquals(GfEvent.EVENT_ERROR_CONNECT, code);
        assertTrue(micros < 50_000, "took " + micros + " µs");
    }
}
