package org.gluster.events.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;
import org.junit.jupiter.api.Test;

class ClientSourcesTest {
    private static final Path CLIENTS = Path.of(System.getProperty("clients.dir", ".."));

    @Test
    void theCheckedInClientSourcesSayWhatTheCatalogSays() throws Exception {
        if (Boolean.getBoolean("clients.update")) ClientSources.main(new String[] {CLIENTS.toString()});
        for (Map.Entry<String, String> file : ClientSources.render(EventTypes.all()).entrySet()) {
            Path path = CLIENTS.resolve(file.getKey());
            assertTrue(Files.exists(path), path + " is missing");
            assertEquals(file.getValue(), Files.readString(path, StandardCharsets.UTF_8), path + " differs from the event-type catalog;"
                    + " regenerate it: mvn -B test -pl clients/catalog -am -Dclients.update=true");
        }
    }

    @Test
    void eachLanguageNamesTheTypesAsItsCallersExpect() {
        List<EventType> types = List.of(new EventType(0, "EVENT_PEER_ATTACH"), new EventType(2, "EVENT_VOLUME_CREATE"));

        assertTrue(ClientSources.c(types).contains("    EVENT_VOLUME_CREATE = 2,\n"));
        assertTrue(ClientSources.python(types).contains("EVENT_VOLUME_CREATE = 2\n"));
        assertTrue(ClientSources.python(types).contains("all_events = [\n    \"EVENT_PEER_ATTACH\",\n"));
        assertTrue(ClientSources.go(types).contains("\tEventVolumeCreate EventType = 2\n"));
        assertTrue(ClientSources.go(types).contains("\tEventPeerAttach   EventType = 0\n"), "aligned as gofmt does");
        assertEquals("EventGeorepStateFaulty", ClientSources.goName("EVENT_GEOREP_STATE_FAULTY"));
    }
}
