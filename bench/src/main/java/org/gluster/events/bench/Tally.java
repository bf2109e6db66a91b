package org.gluster.events.bench;

/**
 * What one receiver (a webhook, a WebSocket client) got of the {@code expected} measured events:
 * a bitmap of the sequence numbers seen, so a second receipt is a duplicate, and the last sequence
 * number of each node's stream (events go round-robin to the nodes, so event {@code seq} went to
 * node {@code seq % nodes}), so a receipt behind it is out of order.
 *
 * <p>One thread records (the receiver's); others read the counters while it runs.
 */
final class Tally {
    private final int expected;
    private final long[] seen;
    private final int[] lastSeq;

    private volatile long delivered;
    private volatile long duplicated;
    private volatile long outOfOrder;
    private volatile long warmups;
    private volatile long probes;
    private volatile long firstMicros;
    private volatile long lastMicros;

    Tally(int expected, int nodes) {
        this.expected = expected;
        this.seen = new long[(expected + 63) / 64];
        this.lastSeq = new int[Math.max(1, nodes)];
        java.util.Arrays.fill(lastSeq, -1);
    }

    /**
     * Counts the receipt of {@code stamp} at {@code nowMicros}: true when it is a measured event
     * received for the first time (its latency counts), false for a duplicate, a warm-up or a probe.
     */
    boolean record(Stamp stamp, long nowMicros) {
        if (stamp.phase == Stamp.Phase.WARMUP) {
            warmups++;
            return false;
        }
        if (stamp.phase == Stamp.Phase.PROBE) {
            probes++;
            return false;
        }
        int seq = stamp.seq;
        if (seq >= expected) return false;
        long bit = 1L << (seq & 63);
        if ((seen[seq >>> 6] & bit) != 0) {
            duplicated++;
            return false;
        }
        seen[seq >>> 6] |= bit;
        int stream = seq % lastSeq.length;
        if (seq < lastSeq[stream]) outOfOrder++;
        else lastSeq[stream] = seq;
        if (delivered == 0) firstMicros = nowMicros;
        lastMicros = nowMicros;
        delivered++;
        return true;
    }

    int expected() {
        return expected;
    }

    /** Distinct measured events received. */
    long delivered() {
        return delivered;
    }

    long lost() {
        return expected - delivered;
    }

    long duplicated() {
        return duplicated;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long warmups() {
        return warmups;
    }

    long probes() {
        return probes;
    }

    /** {@code System.nanoTime() / 1000} of the first and the last measured receipt; 0 before any. */
    long firstMicros() {
        return firstMicros;
    }

    long lastMicros() {
        return lastMicros;
    }
}
