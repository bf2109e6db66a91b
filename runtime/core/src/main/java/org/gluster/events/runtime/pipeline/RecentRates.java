package org.gluster.events.runtime.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many events of each type this node journaled in each of the last {@value #BUCKETS} periods of
 * {@value #BUCKET_SECONDS} s — its own and those its peers relayed, so the whole cluster's — for the
 * dashboard's rate chart, which can then show the last minutes as soon as it opens.
 */
final class RecentRates {
    static final int BUCKET_SECONDS = 10;
    static final int BUCKETS = 90;

    private final Map<String, Ring> byType = new ConcurrentHashMap<>();

    void count(String type, long nowMillis) {
        byType.computeIfAbsent(type, t -> new Ring()).count(nowMillis / 1000 / BUCKET_SECONDS);
    }

    /** {@code type -> counts}, oldest bucket first, the last one being the current period; types with none left out. */
    Map<String, List<Long>> counts(long nowMillis) {
        long current = nowMillis / 1000 / BUCKET_SECONDS;
        Map<String, List<Long>> snapshot = new TreeMap<>();
        byType.forEach((type, ring) -> {
            long[] counts = ring.counts(current);
            if (Arrays.stream(counts).anyMatch(count -> count > 0)) snapshot.put(type, Arrays.stream(counts).boxed().toList());
        });
        return snapshot;
    }

    /** One type's counts, per bucket number modulo {@link #BUCKETS}, with the bucket each slot holds. */
    private static final class Ring {
        private final long[] counts = new long[BUCKETS];
        private final long[] bucketOf = new long[BUCKETS];

        synchronized void count(long bucket) {
            int slot = (int) (bucket % BUCKETS);
            if (bucketOf[slot] != bucket) {
                bucketOf[slot] = bucket;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        synchronized long[] counts(long current) {
            long[] ordered = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                long bucket = current - (BUCKETS - 1) + i;
                int slot = (int) (Math.floorMod(bucket, BUCKETS));
                ordered[i] = bucketOf[slot] == bucket ? counts[slot] : 0;
            }
            return ordered;
        }
    }
}
