package org.gluster.events.runtime.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts inputs that sources could not decode, per source and reason, and logs them without
 * flooding the log: the first of each reason at once, then at most one line per reason every
 * ten seconds saying how many more there were.
 */
final class RejectedInputs {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedInputs.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unlogged = new ConcurrentHashMap<>();

    void reject(String source, String reason, String detail) {
        String key = source + "/" + reason;
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        long now = System.nanoTime();
        Long last = lastLogged.get(key);
        if (last == null || now - last >= LOG_INTERVAL_NANOS) {
            lastLogged.put(key, now);
            long suppressed = unlogged.computeIfAbsent(key, k -> new AtomicLong()).getAndSet(0);
            LOG.warn("Rejected input from {} ({}): {}{}", source, reason, detail,
                    suppressed > 0 ? " (and " + suppressed + " more since the last report)" : "");
        } else {
            unlogged.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** {@code source/reason -> count}, sorted. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }
}
