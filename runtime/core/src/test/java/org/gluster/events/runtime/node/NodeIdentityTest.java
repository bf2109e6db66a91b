package org.gluster.events.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    private static final String GLUSTERD_UUID = "3f6e9a2c-5b1d-4e8f-9a7b-0c2d4e6f8a1b";

    @TempDir
    Path workdir;

    private Path keptId() {
        return workdir.resolve("events").resolve("node-id");
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void uuidFromGlusterdInfoWins() throws IOException {
        Files.writeString(workdir.resolve("glusterd.info"), "operating-version=100000\nUUID=" + GLUSTERD_UUID + "\n");
        Files.createDirectories(keptId().getParent());
        Files.writeString(keptId(), UUID.randomUUID() + "\n");

        assertEquals(GLUSTERD_UUID, NodeIdentity.resolve(workdir));
    }

    @Test
    void withoutGlusterdInfoAnIdIsGeneratedPersistedAndReused() throws IOException {
        String first = NodeIdentity.resolve(workdir);

        assertTrue(isUuid(first), first);
        assertEquals(first, Files.readString(keptId()).trim());
        assertEquals(first, NodeIdentity.resolve(workdir));
        assertFalse(Files.exists(keptId().resolveSibling("node-id.tmp")));
    }

    @Test
    void generatedIdsDifferBetweenWorkdirs(@TempDir Path other) throws IOException {
        assertNotEquals(NodeIdentity.resolve(workdir), NodeIdentity.resolve(other));
    }

    @Test
    void malformedGlusterdInfoUuidFallsBackToTheGeneratedId() throws IOException {
        Files.writeString(workdir.resolve("glusterd.info"), "UUID=not-a-uuid\n");

        String id = NodeIdentity.resolve(workdir);

        assertTrue(isUuid(id), id);
        assertNotEquals("not-a-uuid", id);
        assertEquals(id, Files.readString(keptId()).trim());
        assertEquals(id, NodeIdentity.resolve(workdir));
    }

    @Test
    void malformedKeptIdIsReplacedByANewOne() throws IOException {
        Files.createDirectories(keptId().getParent());
        Files.writeString(keptId(), "garbage\n");

        String id = NodeIdentity.resolve(workdir);

        assertTrue(isUuid(id), id);
        assertEquals(id, Files.readString(keptId()).trim());
    }
}
