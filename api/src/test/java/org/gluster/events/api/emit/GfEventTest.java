package org.gluster.events.api.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;
import org.gluster.events.api.codec.EventDecoder;
import org.junit.jupiter.api.Test;

class GfEventTest {
    private static final EventType VOLUME_CREATE = EventTypes.byName("Volume.Create").orElseThrow();

    @Test
    void sendsTheWireTextToTheUdpPortAndTheDaemonsDecoderReadsItBack() throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(2_000);

            assertEquals(GfEvent.EVENT_SEND_OK, GfEvent.send(VOLUME_CREATE, Map.of("name", "gv1"), daemon.getLocalPort()));

            DatagramPacket packet = new DatagramPacket(new byte[GfEvent.MAX_BYTES], GfEvent.MAX_BYTES);
            daemon.receive(packet);
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertTrue(text.matches("\\d+ 2 name=gv1"), text);
        }
    }

    @Test
    void valuesWithSemicolonsGoAsJsonAndArriveIntact() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "a;b=c");
        attributes.put("options", "k=v");

        String wire = GfEvent.wire(VOLUME_CREATE, attributes, 1_795_462_277L);
        Event decoded = EventDecoder.decode(wire, 0);

        assertTrue(wire.startsWith("{"), wire);
        assertEquals("VOLUME_CREATE", decoded.name());
        assertEquals(Map.of("name", "a;b=c", "options", "k=v"), decoded.message());
        assertEquals(1_795_462_277L, decoded.ts());
        assertEquals("1795462277 2 options=k=v", GfEvent.wire(VOLUME_CREATE, Map.of("options", "k=v"), 1_795_462_277L),
                "an '=' in a value needs no JSON: the daemon splits on the first one");
        for (Map<String, String> odd : List.of(Map.of("name", "line\nbreak"), Map.of("name", "tab\t"), Map.of("name", "blank "),
                Map.of("k=1", "v"), Map.of(" k", "v"))) {
            assertEquals(odd, EventDecoder.decode(GfEvent.wire(VOLUME_CREATE, odd, 1L), 0).message(), "arrives intact: " + odd);
        }
    }

    @Test
    void nobodyListeningIsAnErrorCodeReturnedAtOnce() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        long started = System.nanoTime();

        int code = GfEvent.send(VOLUME_CREATE, Map.of("name", "gv1"), port);

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(GfEvent.EVENT_ERROR_CONNECT, code);
        assertTrue(millis < 200, "took " + millis + " ms");
    }

    @Test
    void badInputIsRefusedWithoutSending() {
        assertEquals(GfEvent.EVENT_ERROR_INVALID_INPUTS, GfEvent.send("Volume.Nonsense", Map.of()));
        assertEquals(GfEvent.EVENT_ERROR_INVALID_INPUTS, GfEvent.send(VOLUME_CREATE, null, 55555));
        assertEquals(GfEvent.EVENT_ERROR_MSG_FORMAT, GfEvent.send(VOLUME_CREATE, Map.of("name", "x".repeat(70_000)), 55555));
    }
}
