package org.gluster.events.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventPatternsTest {
    @Test
    void dottedAndConstantFormsSelectTheSameEvents() {
        EventPatterns dotted = EventPatterns.parse("Volume.*");
        EventPatterns constant = EventPatterns.parse("VOLUME_*");
        for (String name : new String[] {"VOLUME_CREATE", "VOLUME_SET", "PEER_ATTACH", "GEOREP_CREATE"}) {
            assertEquals(dotted.test(name), constant.test(name), name);
        }
        assertTrue(dotted.test("VOLUME_CREATE"));
        assertFalse(dotted.test("PEER_ATTACH"));
    }

    @Test
    void multiWordPrefixesMatchInDottedForm() {
        EventPatterns georepState = EventPatterns.parse("Georep.*");
        assertTrue(georepState.test("GEOREP_FAULTY"));
        assertFalse(georepState.test("VOLUME_CREATE"));
    }

    @Test
    void aCommaSeparatedListSelectsTheUnionAndIgnoresBlanks() {
        EventPatterns patterns = EventPatterns.parse(" PEER_ATTACH , ,volume.cr?ate");
        assertEquals(2, patterns.patterns().size());
        assertTrue(patterns.test("PEER_ATTACH"));
        assertTrue(patterns.test("VOLUME_CREATE"));
        assertFalse(patterns.test("PEER_DETACH"));
    }

    @Test
    void aPatternWithCharactersNoEventNameHasIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> EventPatterns.parse("Volume.(.*)"));
        assertTrue(error.getMessage().contains("Volume.(.*)"));
    }
}
