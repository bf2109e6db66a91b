package org.gluster.events.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.gluster.events.api.codec.EventDecoder;
import org.gluster.events.api.codec.EventJson;
import org.junit.jupiter.api.Test;

class StampTest {
    /** What the daemon delivers for a datagram: the project's own decoder, then its own JSON. */
    static byte[] delivered(String datagram) throws Exception {
        return EventJson.toJson(EventDecoder.decode(datagram, 1_795_462_277L)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDatagramIsTheProtocolTextForm() {
        assertTrue(Stamp.text(Stamp.Phase.BENCH, 12, 123, "").matches("\\d+ 79 bench=1;seq=12;sent=123"));
        assertTrue(Stamp.text(Stamp.Phase.WARMUP, 0, 9, Stamp.pad(3)).matches("\\d+ 79 warmup=1;seq=0;sent=9;pad=xxx"));
    }

    @Test
    void theStampIsReadBackFromTheJsonTheDaemonDelivers() throws Exception {
        byte[] json = delivered(Stamp.text(Stamp.Phase.BENCH, 12, 1_234_567_890_123L, Stamp.pad(40)));
        Stamp stamp = new Stamp();

        assertTrue(stamp.scan(json, 0, json.length), new String(json, StandardCharsets.UTF_8));
        assertEquals(Stamp.Phase.BENCH, stamp.phase);
        assertEquals(12, stamp.seq);
        assertEquals(1_234_567_890_123L, stamp.sentMicros);
    }

    @Test
    void warmUpsAndProbesAreToldApartFromMeasuredEvents() throws Exception {
        Stamp stamp = new Stamp();
        byte[] warmup = delivered(Stamp.text(Stamp.Phase.WARMUP, 3, 5, ""));
        byte[] probe = delivered(Stamp.text(Stamp.Phase.PROBE, 0, 5, ""));

        assertTrue(stamp.scan(warmup, 0, warmup.length));
        assertEquals(Stamp.Phase.WARMUP, stamp.phase);
        assertTrue(stamp.scan(probe, 0, probe.length));
        assertEquals(Stamp.Phase.PROBE, stamp.phase);
    }

    @Test
    void aWebSocketFrameWithItsIdAndExtraSpacesIsReadToo() {
        byte[] frame = ("{\"event\": \"NOTIFY_UNKNOWN_OP\", \"id\": \"u5OLtLh5\", \"message\": {\"bench\" : \"1\", \"sent\":\"77\","
                + " \"seq\":  \"4\"}, \"nodeid\": \"n1\", \"ts\": 1}").getBytes(StandardCharsets.UTF_8);
        Stamp stamp = new Stamp();

        assertTrue(stamp.scan(frame, 0, frame.length));
        assertEquals(4, stamp.seq);
        assertEquals(77, stamp.sentMicros);
    }

    @Test
    void onlyTheGivenRangeIsRead() throws Exception {
        byte[] json = delivered(Stamp.text(Stamp.Phase.BENCH, 7, 8, ""));
        byte[] framed = new byte[json.length + 20];
        System.arraycopy(json, 0, framed, 10, json.length);

        Stamp stamp = new Stamp();
        assertTrue(stamp.scan(framed, 10, 10 + json.length));
        assertEquals(7, stamp.seq);
        assertFalse(stamp.scan(framed, 10, 10 + json.length / 2), "half an event has no stamp");
    }

    @Test
    void eventsWithoutAStampAreNotCounted() throws Exception {
        Stamp stamp = new Stamp();
        byte[] other = delivered("1795462277 2 name=gv1");
        byte[] noSeq = delivered("1795462277 79 bench=1;sent=5");
        byte[] badSeq = delivered("1795462277 79 bench=1;seq=x;sent=5");

        assertFalse(stamp.scan(other, 0, other.length));
        assertFalse(stamp.scan(noSeq, 0, noSeq.length));
        assertFalse(stamp.scan(badSeq, 0, badSeq.length));
        assertFalse(stamp.scan(new byte[0], 0, 0));
    }
}
