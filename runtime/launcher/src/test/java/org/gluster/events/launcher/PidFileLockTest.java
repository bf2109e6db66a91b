package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileLockTest {
    @TempDir
    Path dir;

    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void acquireCreatesTheFolderAndWritesThePid() throws IOException {
        Path pidFile = dir.resolve("events").resolve("glustereventsd.pid");

        try (PidFileLock lock = PidFileLock.acquire(pidFile)) {
            assertEquals(PID + "\n", Files.readString(pidFile));
        }
    }

    @Test
    void acquireReplacesAStaleNumber() throws IOException {
        Path pidFile = dir.resolve("glustereventsd.pid");
        Files.writeString(pidFile, "999999999999\n");

        try (PidFileLock lock = PidFileLock.acquire(pidFile)) {
            assertEquals(PID + "\n", Files.readString(pidFile));
        }
    }

    @Test
    void secondAcquireOfTheSamePathFailsNamingThePidAndThePath() throws IOException {
        Path pidFile = dir.resolve("glustereventsd.pid");

        try (PidFileLock lock = PidFileLock.acquire(pidFile)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PidFileLock.acquire(pidFile));

            assertTrue(e.getMessage().contains("pid " + PID), e.getMessage());
            assertTrue(e.getMessage().contains(pidFile.toString()), e.getMessage());
            assertEquals(PID + "\n", Files.readString(pidFile), "the failed attempt leaves the file alone");
        }
    }

    @Test
    void closeDeletesTheFileAndReleasesTheLock() throws IOException {
        Path pidFile = dir.resolve("glustereventsd.pid");

        PidFileLock.acquire(pidFile).close();

        assertFalse(Files.exists(pidFile));
        try (PidFileLock again = PidFileLock.acquire(pidFile)) {
            assertTrue(Files.exists(pidFile));
        }
    }
}
