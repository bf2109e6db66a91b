package org.gluster.events.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecentRatesTest {
    private static final long PERIOD_MILLIS = RecentRates.BUCKET_SECONDS * 1000L;
    private static final long NOW = 1_795_496_215_000L;

    @Test
    void eachPeriodCountsItsOwnEventsOldestFirstAndTheLastIsNow() {
        RecentRates rates = new RecentRates();
        rates.count("VOLUME_CREATE", NOW - 2 * PERIOD_MILLIS);
        rates.count("VOLUME_CREATE", NOW);
        rates.count("VOLUME_CREATE", NOW);
        List<Long> counts = rates.counts(NOW).get("VOLUME_CREATE");
        assertEquals(RecentRates.BUCKETS, counts.size());
        assertEquals(List.of(1L, 0L, 2L), counts.subList(RecentRates.BUCKETS - 3, RecentRates.BUCKETS));
    }

    @Test
    void periodsOlderThanTheWindowAreForgottenAndTheirTypeLeftOut() {
        RecentRates rates = new RecentRates();
        rates.count("BRICK_DISCONNECTED", NOW);
        long later = NOW + RecentRates.BUCKETS * PERIOD_MILLIS;
        assertFalse(rates.counts(later).containsKey("BRICK_DISCONNECTED"));
        rates.count("BRICK_DISCONNECTED", later); // lands in the slot the old period used
        assertEquals(1L, rates.counts(later).get("BRICK_DISCONNECTED").stream().mapToLong(Long::longValue).sum());
    }
}
