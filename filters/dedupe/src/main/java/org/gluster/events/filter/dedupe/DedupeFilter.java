package org.gluster.events.filter.dedupe;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventPatterns;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds storms of identical events: an event with the same node, name and message as one delivered
 * less than a window ago is dropped and counted; the next identical event after the window is
 * delivered with {@code "folded": N} added to its message, N being how many were dropped since the
 * previous delivery. Off until {@code gluster-eventsapi dedupe on}; the window is per event pattern
 * ({@code dedupe window Brick.Disconnected 60s}) or the default one.
 *
 * <p>Prototype scope: every sink gets its own instance, so each sink's stream is folded whole and
 * alike. Windows are measured on when the events were received, not when the sink reads them, so a
 * webhook that catches up after an outage folds exactly as one that was never down.
 */
@Component(name = "dedupe", configurationPid = DedupeFilter.PID, scope = ServiceScope.PROTOTYPE, property = "service.ranking:Integer=500")
public final class DedupeFilter implements EventFilter {
    public static final String PID = "org.gluster.events.filter.dedupe";
    /** The message key of the count; chosen not to collide with any attribute Gluster sends. */
    public static final String FOLDED = "folded";
    /** Identical-event groups remembered at most: a flood of distinct events cannot grow memory. */
    static final int MAX_KEYS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DedupeFilter.class);

    @interface Config {
        boolean enabled() default false;

        /** The default window: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or seconds. */
        String window() default "10s";

        /** Windows of their own, {@code PATTERN=WINDOW} ({@code Brick.Disconnected=60s}); the first match wins. */
        String[] windows() default {};
    }

    private record Key(String node, String name, Map<String, Object> message) {
    }

    private record PatternWindow(EventPatterns pattern, long millis) {
    }

    /** Per group, when its window opened and how many were dropped in it; in the order windows opened. Guarded by this. */
    private final LinkedHashMap<Key, long[]> open = new LinkedHashMap<>();
    private volatile boolean enabled;
    private volatile long defaultMillis;
    private volatile List<PatternWindow> windows = List.of();

    @Activate
    @Modified
    void configure(Config config) {
        long window;
        try {
            window = Durations.millis(config.window());
        } catch (IllegalArgumentException e) {
            LOG.warn("Dedupe window {}; 10 s is used", e.getMessage());
            window = 10_000;
        }
        List<PatternWindow> own = new ArrayList<>();
        for (String entry : config.windows()) {
            for (String pair : entry.split(",")) {
                if (pair.isBlank()) continue;
                int equals = pair.indexOf('=');
                try {
                    if (equals < 0) throw new IllegalArgumentException("'" + pair.trim() + "' is not PATTERN=WINDOW");
                    own.add(new PatternWindow(EventPatterns.of(List.of(pair.substring(0, equals).trim())),
                            Durations.millis(pair.substring(equals + 1))));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Dedupe window ignored: {}", e.getMessage());
                }
            }
        }
        synchronized (this) {
            defaultMillis = window;
            windows = List.copyOf(own);
            enabled = config.enabled();
            if (!enabled) open.clear();
        }
    }

    @Override
    public synchronized Event apply(Event event) {
        if (!enabled) return event;
        long window = windowOf(event.name());
        if (window <= 0) return event;
        long now = event.receivedMillis() > 0 ? event.receivedMillis() : event.ts() * 1000;
        forgetClosedWindows(now);
        Key key = new Key(event.nodeId(), event.name(), event.message());
        long[] group = open.get(key);
        if (group != null && now - group[0] < window) {
            group[1]++;
            return null;
        }
        long folded = group == null ? 0 : group[1];
        open.remove(key);
        open.put(key, new long[] {now, 0});
        if (open.size() > MAX_KEYS) {
            Iterator<Map.Entry<Key, long[]>> oldest = open.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (folded == 0) return event;
        Map<String, Object> message = new LinkedHashMap<>(event.message());
        message.put(FOLDED, folded);
        return event.withMessage(message);
    }

    private long windowOf(String name) {
        for (PatternWindow own : windows) {
            if (own.pattern().test(name)) return own.millis();
        }
        return defaultMillis;
    }

    /**
     * Forgets groups whose window closed with nothing folded: the next identical event is simply
     * delivered. A group with folded events is kept, to carry its count, until it ages out twice
     * over the longest window.
     */
    private void forgetClosedWindows(long now) {
        long longest = defaultMillis;
        for (PatternWindow own : windows) longest = Math.max(longest, own.millis());
        Iterator<Map.Entry<Key, long[]>> groups = open.entrySet().iterator();
        while (groups.hasNext()) {
            long[] group = groups.next().getValue();
            long age = now - group[0];
            if (age < longest) break; // in the order windows opened: the rest are younger
            if (group[1] == 0 || age >= 2 * longest) groups.remove();
        }
    }
}
