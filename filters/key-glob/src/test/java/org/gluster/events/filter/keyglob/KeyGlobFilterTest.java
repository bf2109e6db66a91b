package org.gluster.events.filter.keyglob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.junit.jupiter.api.Test;

class KeyGlobFilterTest {
    private static Event event(String name) {
        return Event.of("id-1", "node-1", 1_795_462_277L, name, Map.of(), false);
    }

    private static KeyGlobFilter disabling(String... disabled) {
        KeyGlobFilter filter = new KeyGlobFilter();
        filter.configure(new KeyGlobFilter.Config() {
            @Override
            public String[] disabled() {
                return disabled;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return KeyGlobFilter.Config.class;
            }
        });
        return filter;
    }

    @Test
    void dropsTheDisabledEventsInEitherNameFormAndPassesTheRest() {
        KeyGlobFilter filter = disabling("Volume.*", "GEOREP_STATE_*");

        assertNull(filter.apply(event("VOLUME_CREATE")));
        assertNull(filter.apply(event("VOLUME_SET")));
        assertNull(filter.apply(event("GEOREP_STATE_FAULTY")));
        Event peer = event("PEER_ATTACH");
        assertSame(peer, filter.apply(peer));
    }

    @Test
    void anEntryMayHoldACommaSeparatedListAsPluginConfigWritesIt() {
        KeyGlobFilter filter = disabling("Volume.Create,Peer.*");

        assertNull(filter.apply(event("VOLUME_CREATE")));
        assertNull(filter.apply(event("PEER_DETACH")));
        assertEquals("VOLUME_DELETE", filter.apply(event("VOLUME_DELETE")).name());
    }

    @Test
    void anInvalidPatternIsLeftOutWithoutLosingTheOthers() {
        assertEquals(List.of("Volume.*"), KeyGlobFilter.patterns(new String[] {"Volume.*", "bad pattern!"}).patterns());
    }

    @Test
    void nothingDisabledPassesEverything() {
        Event event = event("VOLUME_CREATE");
        assertSame(event, disabling().apply(event));
    }
}
