package org.gluster.events.filter.dedupe;

import java.util.Map;

import org.gluster.events.benchmarks.ComponentConfigs;

/** Dedupe filters configured as Config Admin configures them; here because their configuration type is the bundle's own. */
public final class DedupeFilters {
    private DedupeFilters() {
    }

    /** The filter as {@code gluster-eventsapi dedupe on <window>} leaves it. */
    public static DedupeFilter folding(String window) {
        DedupeFilter filter = new DedupeFilter();
        filter.configure(ComponentConfigs.of(DedupeFilter.Config.class, Map.of("enabled", true, "window", window)));
        return filter;
    }
}
