package org.gluster.events.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The deliveries of one kind (webhooks, WebSocket clients): a {@link Tally} per receiver and one
 * latency histogram (receipt minus the {@code sent} stamp, in microseconds) for all of them.
 * {@link #record} is called by the one thread that receives this kind; the summary is read once it
 * has stopped.
 */
final class Deliveries {
    /** Latencies above an hour are counted as an hour. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final List<Tally> tallies = new ArrayList<>();
    private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);

    Deliveries(int receivers, int expected, int nodes) {
        for (int i = 0; i < receivers; i++) tallies.add(new Tally(expected, nodes));
    }

    /** Counts the receipt of {@code stamp} by receiver {@code receiver} at {@code nowMicros}. */
    void record(int receiver, Stamp stamp, long nowMicros) {
        if (tallies.get(receiver).record(stamp, nowMicros)) {
            latency.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, nowMicros - stamp.sentMicros)));
        }
    }

    List<Tally> tallies() {
        return tallies;
    }

    long delivered() {
        return tallies.stream().mapToLong(Tally::delivered).sum();
    }

    long lost() {
        return tallies.stream().mapToLong(Tally::lost).sum();
    }

    long duplicated() {
        return tallies.stream().mapToLong(Tally::duplicated).sum();
    }

    long outOfOrder() {
        return tallies.stream().mapToLong(Tally::outOfOrder).sum();
    }

    /** Whether every receiver got at least {@code warmups} warm-up events. */
    boolean warmedUp(long warmups) {
        return tallies.stream().allMatch(t -> t.warmups() >= warmups);
    }

    /** Whether any receiver got a readiness probe. */
    boolean probed() {
        return tallies.stream().anyMatch(t -> t.probes() > 0);
    }

    /** Measured deliveries per second, all receivers together, from the first receipt to the last. */
    long rate() {
        long first = tallies.stream().mapToLong(Tally::firstMicros).filter(t -> t > 0).min().orElse(0);
        long last = tallies.stream().mapToLong(Tally::lastMicros).max().orElse(0);
        return last > first ? Math.round(delivered() / ((last - first) / 1e6)) : 0;
    }

    /** p50, p99, p99.9 and max of the latencies, in milliseconds, and how many there are. */
    Map<String, Object> latencyMillis() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", latency.getTotalCount());
        summary.put("p50", millis(latency.getValueAtPercentile(50)));
        summary.put("p99", millis(latency.getValueAtPercentile(99)));
        summary.put("p99_9", millis(latency.getValueAtPercentile(99.9)));
        summary.put("max", millis(latency.getMaxValue()));
        return summary;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
