package org.gluster.events.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

    @Test
    void catalogHoldsExactly142Types() {
        assertEquals(142, EventTypes.all().size());
    }

    @Test
    void everyTypeCodeIsItsZeroBasedIndexInTheCatalog() {
        List<EventType> all = EventTypes.all();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).code(), "code of " + all.get(i).constant());
            assertEquals(Optional.of(all.get(i)), EventTypes.byCode(i));
        }
    }

    @Test
    void everyConstantStartsWithEventPrefixAndIsUnique() {
        Set<String> seen = new HashSet<>();
        for (EventType type : EventTypes.all()) {
            assertTrue(type.constant().startsWith("EVENT_"), type.constant());
            assertTrue(seen.add(type.constant()), "duplicate " + type.constant());
        }
    }

    @Test
    void firstCodesAreThePeerAndVolumeTypesOfTheWireProtocol() {
        assertEquals("EVENT_PEER_ATTACH", EventTypes.byCode(0).orElseThrow().constant());
        assertEquals("EVENT_VOLUME_CREATE", EventTypes.byCode(2).orElseThrow().constant());
        assertEquals("EVENT_VOLUME_SET", EventTypes.byCode(6).orElseThrow().constant());
    }

    @Test
    void code2IsVolumeCreate() {
        EventType type = EventTypes.byCode(2).orElseThrow();
        assertEquals("VOLUME_CREATE", type.eventName());
        assertEquals(2, type.code());
    }

    @Test
    void code6IsVolumeSet() {
        EventType type = EventTypes.byCode(6).orElseThrow();
        assertEquals("VOLUME_SET", type.eventName());
        assertEquals(6, type.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"EVENT_VOLUME_CREATE", "VOLUME_CREATE", "Volume.Create", "volume.create",
            "event_volume_create", " Volume.Create "})
    void byNameAcceptsEveryNameFormOfVolumeCreate(String name) {
        Optional<EventType> type = EventTypes.byName(name);
        assertTrue(type.isPresent(), name);
        assertEquals(2, type.get().code());
        assertEquals("EVENT_VOLUME_CREATE", type.get().constant());
    }

    @Test
    void byNameAcceptsDottedVolumeSet() {
        assertEquals(6, EventTypes.byName("Volume.Set").orElseThrow().code());
    }

    @Test
    void eventNameDropsTheEventPrefix() {
        assertEquals("VOLUME_CREATE", new EventType(2, "EVENT_VOLUME_CREATE").eventName());
    }

    @Test
    void dottedNameOfVolumeCreateIsVolumeDotCreate() {
        assertEquals("Volume.Create", EventTypes.byCode(2).orElseThrow().dottedName());
        assertEquals("Volume.Set", EventTypes.byCode(6).orElseThrow().dottedName());
    }

    @Test
    void dottedNameCapitalisesEveryWord() {
        assertEquals("Georep.Checkpoint.Completed", new EventType(0, "EVENT_GEOREP_CHECKPOINT_COMPLETED").dottedName());
    }

    @Test
    void everyTypeIsFoundAgainByEachOfItsNameForms() {
        for (EventType type : EventTypes.all()) {
            assertEquals(Optional.of(type), EventTypes.byName(type.constant()), type.constant());
            assertEquals(Optional.of(type), EventTypes.byName(type.eventName()), type.eventName());
            assertEquals(Optional.of(type), EventTypes.byName(type.dottedName()), type.dottedName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"VOLUME_EXPLODE", "Volume.Explode", "EVENT_NO_SUCH_EVENT", "", "   ", "EVENT_", "Volume"})
    void unknownNamesAreEmpty(String name) {
        assertFalse(EventTypes.byName(name).isPresent(), name);
    }

    @Test
    void nullNameIsEmpty() {
        assertFalse(EventTypes.byName(null).isPresent());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 142, 143, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void codesOutsideTheCatalogAreEmpty(int code) {
        assertFalse(EventTypes.byCode(code).isPresent(), "code " + code);
    }

    @Test
    void lastCodeIs141() {
        assertTrue(EventTypes.byCode(141).isPresent());
        assertFalse(EventTypes.byCode(142).isPresent());
    }

    @Test
    void catalogIsUnmodifiable() {
        List<EventType> all = EventTypes.all();
        EventType extra = new EventType(142, "EVENT_EXTRA");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> all.add(extra));
        assertEquals(142, EventTypes.all().size());
    }
}
