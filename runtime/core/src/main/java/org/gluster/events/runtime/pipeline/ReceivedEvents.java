package org.gluster.events.runtime.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the events accepted, per source and event type, for {@code /metrics}. */
final class ReceivedEvents {
    private final Map<String, Map<String, LongAdder>> bySource = new ConcurrentHashMap<>();

    /** The counts of one source, to keep beside it so that counting is one lookup per event. */
    Map<String, LongAdder> of(String source) {
        return bySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>());
    }

    static void count(Map<String, LongAdder> byType, String type) {
        byType.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    /** {@code source -> type -> count}, sorted. */
    Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        bySource.forEach((source, byType) -> {
            Map<String, Long> types = new TreeMap<>();
            byType.forEach((type, count) -> types.put(type, count.sum()));
            snapshot.put(source, types);
        });
        return snapshot;
    }
}
