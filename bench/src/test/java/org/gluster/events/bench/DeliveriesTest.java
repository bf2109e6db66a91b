package org.gluster.events.bench;

import static org.gluster.events.bench.TallyTest.stamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DeliveriesTest {
    @Test
    void latencyPercentilesAreTheReceiptMinusTheSentStamp() {
        Deliveries deliveries = new Deliveries(1, 1000, 1);
        // latencies 1 ms to 1000 ms
        for (int seq = 0; seq < 1000; seq++) deliveries.record(0, stamp(Stamp.Phase.BENCH, seq, 5_000_000), 5_000_000 + (seq + 1) * 1000L);

        Map<String, Object> latency = deliveries.latencyMillis();
        assertEquals(1000L, latency.get("count"));
        assertEquals(500.0, (double) latency.get("p50"), 1.0);
        assertEquals(990.0, (double) latency.get("p99"), 1.0);
        assertEquals(999.0, (double) latency.get("p99_9"), 1.0);
        assertEquals(1000.0, (double) latency.get("max"), 1.0);
    }

    @Test
    void theDeliveryRateRunsFromTheFirstReceiptToTheLast() {
        Deliveries deliveries = new Deliveries(2, 100, 1);
        // each receiver gets 100 events over one second: 200 deliveries in a second
        for (int seq = 0; seq < 100; seq++) {
            long at = 1_000_000 + seq * 1_000_000L / 99;
            deliveries.record(0, stamp(Stamp.Phase.BENCH, seq, 0), at);
            deliveries.record(1, stamp(Stamp.Phase.BENCH, seq, 0), at);
        }

        assertEquals(200, deliveries.rate());
        assertEquals(200, deliveries.delivered());
        assertEquals(0, deliveries.lost());
    }
}
