package org.gluster.events.runtime.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoppedBundlesTest {
    @TempDir
    Path events;

    @Test
    void aStopIsRememberedInTheFileAndReadBackByTheNextDaemon() throws Exception {
        StoppedBundles stopped = new StoppedBundles(events);
        assertFalse(stopped.contains("org.gluster.events.sink.webhook"));
        stopped.add("org.gluster.events.sink.webhook");
        stopped.add("com.example.alerts");
        assertTrue(Files.readAllLines(events.resolve(StoppedBundles.FILE_NAME)).contains("com.example.alerts"));

        StoppedBundles next = new StoppedBundles(events);
        assertEquals(Set.of("org.gluster.events.sink.webhook", "com.example.alerts"), next.names());
        next.remove("com.example.alerts");
        assertEquals(Set.of("org.gluster.events.sink.webhook"), new StoppedBundles(events).names());
        assertFalse(Files.exists(events.resolve(StoppedBundles.FILE_NAME + ".tmp")), "written through a temporary file");
    }

    @Test
    void namesOfBundlesNoLongerInstalledAreForgotten() throws Exception {
        StoppedBundles stopped = new StoppedBundles(events);
        stopped.add("gone.bundle");
        stopped.add("still.here");
        stopped.retainAll(List.of("still.here", "other"));
        assertEquals(Set.of("still.here"), new StoppedBundles(events).names());
    }

    @Test
    void commentsAndBlankLinesAreNoNames() throws Exception {
        Files.writeString(events.resolve(StoppedBundles.FILE_NAME), "# kept stopped\n\n  com.example.a  \n");
        assertEquals(Set.of("com.example.a"), new StoppedBundles(events).names());
    }
}
