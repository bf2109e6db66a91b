package org.gluster.events.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class EventsApiTest {
    @Test
    void globalOptionsBeforeACommandGoAfterIt() {
        assertArrayEquals(new String[] {"status", "--json", "--workdir", "/w"},
                EventsApi.commandFirst(new String[] {"--json", "--workdir", "/w", "status"}));
    }

    @Test
    void globalOptionsBeforeACommandGroupGoAfterItsSubCommand() {
        assertArrayEquals(new String[] {"bundle", "list", "--json", "--node", "h"},
                EventsApi.commandFirst(new String[] {"--json", "bundle", "list", "--node", "h"}));
        assertArrayEquals(new String[] {"bundle", "stop", "--workdir", "/w", "webhook"},
                EventsApi.commandFirst(new String[] {"--workdir", "/w", "bundle", "stop", "webhook"}));
    }
}
