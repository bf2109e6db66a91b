package org.gluster.events.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TallyTest {
    static Stamp stamp(Stamp.Phase phase, int seq, long sentMicros) {
        Stamp stamp = new Stamp();
        stamp.phase = phase;
        stamp.seq = seq;
        stamp.sentMicros = sentMicros;
        return stamp;
    }

    @Test
    void aSecondReceiptIsADuplicateAndAnEventAfterALaterOneIsOutOfOrder() {
        Tally tally = new Tally(5, 1);
        for (int seq : new int[] {0, 2, 1, 1, 3}) tally.record(stamp(Stamp.Phase.BENCH, seq, 0), 10);

        assertEquals(4, tally.delivered());
        assertEquals(1, tally.duplicated());
        assertEquals(1, tally.outOfOrder(), "1 came after 2");
        assertEquals(1, tally.lost(), "4 never came");
    }

    @Test
    void orderIsKeptPerNodeAsEventsGoRoundRobin() {
        Tally tally = new Tally(4, 2);
        // node 0 sends 0 and 2, node 1 sends 1 and 3: the receiver may interleave the two streams
        for (int seq : new int[] {1, 3, 0, 2}) tally.record(stamp(Stamp.Phase.BENCH, seq, 0), 10);

        assertEquals(4, tally.delivered());
        assertEquals(0, tally.outOfOrder());
    }

    @Test
    void warmUpsAndProbesAreCountedApartAndHaveNoLatency() {
        Tally tally = new Tally(3, 1);

        assertFalse(tally.record(stamp(Stamp.Phase.WARMUP, 0, 0), 10));
        assertFalse(tally.record(stamp(Stamp.Phase.WARMUP, 0, 0), 10));
        assertFalse(tally.record(stamp(Stamp.Phase.PROBE, 0, 0), 10));
        assertTrue(tally.record(stamp(Stamp.Phase.BENCH, 0, 0), 10));
        assertFalse(tally.record(stamp(Stamp.Phase.BENCH, 99, 0), 10), "beyond the events sent");

        assertEquals(2, tally.warmups());
        assertEquals(1, tally.probes());
        assertEquals(1, tally.delivered());
        assertEquals(0, tally.duplicated());
    }
}
