package org.gluster.events.runtime.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BundleNamesTest {
    private static final List<BundleNames.Known> INSTALLED = List.of(
            new BundleNames.Known(0, "org.apache.felix.framework", "7.0.5"),
            new BundleNames.Known(7, "org.eclipse.jetty.server", "12.0.16"),
            new BundleNames.Known(9, "org.eclipse.jetty.websocket.core.server", "12.0.16"),
            new BundleNames.Known(20, "org.gluster.events.sink.webhook", "0.1.0"),
            new BundleNames.Known(21, "org.gluster.events.sink.websocket", "0.1.0"),
            new BundleNames.Known(22, "com.example.Alerts", "1.0.0"));

    @Test
    void anIdNamesThatBundle() throws BundleFailure {
        assertEquals(20, BundleNames.resolve("20", INSTALLED));
        assertEquals(0, BundleNames.resolve("0", INSTALLED));
    }

    @Test
    void anUnknownIdIs404() {
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleNames.resolve("42", INSTALLED));
        assertEquals(404, failure.status);
        assertTrue(failure.getMessage().contains("no bundle with id 42"), failure.getMessage());
    }

    @Test
    void anExactSymbolicNameWins() throws BundleFailure {
        assertEquals(7, BundleNames.resolve("org.eclipse.jetty.server", INSTALLED));
    }

    @Test
    void theLastPartOfASymbolicNameNamesTheOnlyBundleEndingSoIgnoringCase() throws BundleFailure {
        assertEquals(20, BundleNames.resolve("webhook", INSTALLED));
        assertEquals(21, BundleNames.resolve("WebSocket", INSTALLED));
        assertEquals(20, BundleNames.resolve("sink.webhook", INSTALLED));
        assertEquals(22, BundleNames.resolve("alerts", INSTALLED));
    }

    @Test
    void aSuffixOnlyCountsAfterADot() {
        // "hook" is the end of "webhook" but not a part of the name after a dot
        assertEquals(404, assertThrows(BundleFailure.class, () -> BundleNames.resolve("hook", INSTALLED)).status);
    }

    @Test
    void anAmbiguousNameIs400ListingTheCandidates() {
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleNames.resolve("server", INSTALLED));
        assertEquals(400, failure.status);
        assertTrue(failure.getMessage().contains("org.eclipse.jetty.server 12.0.16 (id 7)")
                && failure.getMessage().contains("org.eclipse.jetty.websocket.core.server 12.0.16 (id 9)"), failure.getMessage());
    }

    @Test
    void twoVersionsOfOneSymbolicNameAreAmbiguousAndTheIdsTellThemApart() {
        List<BundleNames.Known> both = List.of(new BundleNames.Known(3, "org.example.a", "1.0.0"),
                new BundleNames.Known(4, "org.example.a", "2.0.0"));
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleNames.resolve("org.example.a", both));
        assertEquals(400, failure.status);
        assertTrue(failure.getMessage().contains("(id 3)") && failure.getMessage().contains("(id 4)"), failure.getMessage());
    }

    @Test
    void noSuchNameIs404SayingWhatANameIs() {
        BundleFailure failure = assertThrows(BundleFailure.class, () -> BundleNames.resolve("nonesuch", INSTALLED));
        assertEquals(404, failure.status);
        assertTrue(failure.getMessage().contains("no bundle named 'nonesuch'"), failure.getMessage());
        assertEquals(400, assertThrows(BundleFailure.class, () -> BundleNames.resolve(" ", INSTALLED)).status);
    }
}
