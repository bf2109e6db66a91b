package org.gluster.events.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileHandlerTest {
    @TempDir
    Path dir;

    private Path logFile;
    private WatchedFileHandler handler;

    @BeforeEach
    void open() throws IOException {
        logFile = dir.resolve("log").resolve("events.log");
        handler = new WatchedFileHandler(logFile);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        });
    }

    @AfterEach
    void close() {
        handler.close();
    }

    private void log(String message) {
        handler.publish(new LogRecord(Level.INFO, message));
        handler.flush();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void recordsLandInTheFileCreatedAtStart() throws IOException {
        log("one");
        log("two");

        assertEquals("one\ntwo\n", read(logFile));
    }

    @Test
    void afterTheFileIsRenamedAwayNewRecordsLandInANewFileAtTheOriginalPath() throws Exception {
        log("before rotation");
        Path rotated = logFile.resolveSibling("events.log.1");
        Files.move(logFile, rotated);

        // The handler looks at most once a second: keep logging until a record shows up at the path.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int attempt = 0;
        while (!read(logFile).contains("after rotation") && System.nanoTime() < deadline) {
            log("after rotation " + attempt++);
            Thread.sleep(50);
        }
        log("marker");

        String fresh = read(logFile);
        String old = read(rotated);
        assertTrue(fresh.contains("after rotation"), "no record reached the new file within 3 s");
        assertTrue(fresh.endsWith("marker\n"), fresh);
        assertFalse(fresh.contains("before rotation"), fresh);
        assertTrue(old.startsWith("before rotation\n"), old);
        assertFalse(old.contains("marker"), old);
        Set<String> oldLines = new HashSet<>(Arrays.asList(old.split("\n")));
        for (String line : fresh.split("\n")) assertFalse(oldLines.contains(line), "logged to both files: " + line);
    }

    @Test
    void afterTruncationRecordsStillAppendFromTheStart() throws IOException {
        log("before truncation");
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }

        log("after truncation");

        assertEquals("after truncation\n", read(logFile), "no hole of NUL bytes where the old content was");
    }
}
