package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LayoutTest {
    private static final Path HOME = Path.of("/opt/glustereventsd");

    @Test
    void workdirOptionWinsOverGlusterdWorkdir() {
        Layout layout = Layout.decide(HOME, "/srv/option", Map.of("GLUSTERD_WORKDIR", "/srv/env",
                "XDG_STATE_HOME", "/srv/xdg"), false);

        assertEquals(Path.of("/srv/option"), layout.workdir());
    }

    @Test
    void glusterdWorkdirWinsOverTheXdgDefault() {
        Layout layout = Layout.decide(HOME, null, Map.of("GLUSTERD_WORKDIR", "/srv/env", "XDG_STATE_HOME", "/srv/xdg"), false);

        assertEquals(Path.of("/srv/env"), layout.workdir());
    }

    @Test
    void xdgStateHomeIsUsedWhenSet() {
        Layout layout = Layout.decide(HOME, null, Map.of("XDG_STATE_HOME", "/srv/xdg"), false);

        assertEquals(Path.of("/srv/xdg/glustereventsd"), layout.workdir());
    }

    @Test
    void withoutXdgStateHomeTheWorkdirIsUnderTheHomeLocalState() {
        Path expected = Path.of(System.getProperty("user.home"), ".local", "state", "glustereventsd").toAbsolutePath().normalize();

        assertEquals(expected, Layout.decide(HOME, null, Map.of(), false).workdir());
        assertEquals(expected, Layout.decide(HOME, null, Map.of("XDG_STATE_HOME", "  "), false).workdir(),
                "a blank XDG_STATE_HOME counts as unset");
    }

    @Test
    void relativeWorkdirIsMadeAbsoluteAndNormalized() {
        Layout layout = Layout.decide(HOME, "state/../wd", Map.of(), false);

        assertEquals(Path.of("wd").toAbsolutePath().normalize(), layout.workdir());
        assertTrue(layout.workdir().isAbsolute());
    }

    @Test
    void asNonRootEverythingLiesUnderTheWorkdirsEventsFolder() {
        Layout layout = Layout.decide(HOME, "/srv/wd", Map.of(), false);
        Path events = Path.of("/srv/wd/events");

        assertEquals(events.resolve("events.sock"), layout.socket());
        assertTrue(layout.logFile().startsWith(events), layout.logFile().toString());
        assertTrue(layout.pidFile().startsWith(events), layout.pidFile().toString());
        assertTrue(layout.cache().startsWith(events), layout.cache().toString());
        assertFalse(layout.glusterNode());
    }

    @Test
    void defaultsFileIsTheShippedOneUnderHome() {
        Layout layout = Layout.decide(HOME, "/srv/wd", Map.of(), false);

        assertEquals(Path.of("/opt/glustereventsd/etc/eventsconfig.json"), layout.defaultsFile());
        assertEquals(HOME, layout.home());
    }

    @Test
    void rootWithAnotherWorkdirIsNotAGlusterNodeLayout() {
        Layout layout = Layout.decide(HOME, "/srv/wd", Map.of(), true);

        assertFalse(layout.glusterNode());
        assertEquals(Path.of("/srv/wd/events/events.sock"), layout.socket());
        assertEquals(Path.of("/opt/glustereventsd/etc/eventsconfig.json"), layout.defaultsFile());
    }
}
