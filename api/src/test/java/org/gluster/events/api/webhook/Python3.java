package org.gluster.events.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs a python3 script for a cross-check against an independent implementation. */
final class Python3 {
    private Python3() {
    }

    /** The script's standard output, trimmed; skips the calling test if python3 is not on the PATH. */
    static String run(String script, String... args) throws Exception {
        Assumptions.assumeTrue(onPath(), "python3 is not on the PATH: the cross-check with Python is skipped");
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, python.exitValue(), output);
        return output;
    }

    private static boolean onPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "python3"))) return true;
        }
        return false;
    }
}
