package org.gluster.events.filter.keyglob;

import java.util.Map;

import org.gluster.events.benchmarks.ComponentConfigs;

/** Key-glob filters configured as Config Admin configures them; here because their configuration type is the bundle's own. */
public final class KeyGlobFilters {
    private KeyGlobFilters() {
    }

    /** The filter with {@code disabled} set, as {@code gluster-eventsapi disable} writes it. */
    public static KeyGlobFilter disabling(String... disabled) {
        KeyGlobFilter filter = new KeyGlobFilter();
        filter.configure(ComponentConfigs.of(KeyGlobFilter.Config.class, Map.of("disabled", disabled)));
        return filter;
    }
}
