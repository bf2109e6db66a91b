package org.gluster.events.filter.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;

class DedupeFilterTest {
    private static final long T0 = 1_795_462_277_000L;

    /** An event as the daemon stamps it: its id, a UUIDv7, carries when it was received. */
    private static Event received(long millis, String node, String name, Map<String, Object> message) {
        String hex = String.format("%012x", millis);
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-7000-8000-" + String.format("%012x", millis % 999_983);
        return Event.of(id, node, millis / 1000, name, message, false);
    }

    private static Event disconnect(long atMillis) {
        return received(atMillis, "node-1", "BRICK_DISCONNECTED", Map.of("peer", "10.0.0.2:49152", "volume", "gv1"));
    }

    private static DedupeFilter dedupe(boolean enabled, String window, String... windows) {
        DedupeFilter filter = new DedupeFilter();
        filter.configure(new DedupeFilter.Config() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String window() {
                return window;
            }

            @Override
            public String[] windows() {
                return windows;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DedupeFilter.Config.class;
            }
        });
        return filter;
    }

    @Test
    void aStormOfIdenticalEventsIsDeliveredOnceAndTheNextOneAfterTheWindowCarriesTheCount() {
        DedupeFilter filter = dedupe(true, "10s");
        Event first = disconnect(T0);
        assertSame(first, filter.apply(first));
        for (int i = 1; i <= 499; i++) assertNull(filter.apply(disconnect(T0 + i * 10)), "event " + i + " of the storm");

        Event after = filter.apply(disconnect(T0 + 15_000));

        assertEquals(499L, after.message().get(DedupeFilter.FOLDED));
        assertEquals("gv1", after.message().get("volume"));
    }

    @Test
    void eventsThatDifferInNodeNameOrMessageAreNotFolded() {
        DedupeFilter filter = dedupe(true, "10s");
        filter.apply(disconnect(T0));

        assertEquals("node-2", filter.apply(received(T0 + 1, "node-2", "BRICK_DISCONNECTED",
                Map.of("peer", "10.0.0.2:49152", "volume", "gv1"))).nodeId());
        assertEquals("BRICK_CONNECTED", filter.apply(received(T0 + 2, "node-1", "BRICK_CONNECTED",
                Map.of("peer", "10.0.0.2:49152", "volume", "gv1"))).name());
        assertEquals("gv2", filter.apply(received(T0 + 3, "node-1", "BRICK_DISCONNECTED",
                Map.of("peer", "10.0.0.2:49152", "volume", "gv2"))).message().get("volume"));
    }

    @Test
    void aPatternsOwnWindowWinsOverTheDefault() {
        DedupeFilter filter = dedupe(true, "1s", "Brick.Disconnected=60s");
        filter.apply(disconnect(T0));

        assertNull(filter.apply(disconnect(T0 + 30_000)), "inside the brick's own 60 s window");
        Event volume = received(T0, "node-1", "VOLUME_SET", Map.of("name", "gv1"));
        filter.apply(volume);
        assertEquals("VOLUME_SET", filter.apply(received(T0 + 2_000, "node-1", "VOLUME_SET", Map.of("name", "gv1"))).name(),
                "outside the default 1 s window");
    }

    @Test
    void offByDefaultAndWithAWindowOfZero() {
        Event event = disconnect(T0);
        DedupeFilter off = dedupe(false, "10s");
        off.apply(event);
        assertSame(event, off.apply(event));

        DedupeFilter zero = dedupe(true, "10s", "BRICK_*=off");
        zero.apply(event);
        assertSame(event, zero.apply(event));
    }

    @Test
    void foldingDependsOnWhenEventsWereReceivedNotWhenTheyAreRead() {
        DedupeFilter live = dedupe(true, "10s");
        DedupeFilter catchingUp = dedupe(true, "10s");
        Event[] stream = {disconnect(T0), disconnect(T0 + 5_000), disconnect(T0 + 12_000), disconnect(T0 + 13_000)};

        for (Event event : stream) {
            Event a = live.apply(event);
            Event b = catchingUp.apply(event);
            assertEquals(a == null, b == null);
            if (a != null) assertEquals(a.message(), b.message());
        }
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertEquals(500, Durations.millis("500ms"));
        assertEquals(10_000, Durations.millis("10s"));
        assertEquals(10_000, Durations.millis("10"));
        assertEquals(120_000, Durations.millis("2m"));
        assertEquals(3_600_000, Durations.millis("1h"));
        assertEquals(0, Durations.millis("off"));
        assertThrows(IllegalArgumentException.class, () -> Durations.millis("soon"));
    }
}
