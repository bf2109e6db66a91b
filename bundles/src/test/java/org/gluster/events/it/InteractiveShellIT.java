package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gluster-eventsapi} with no command, in a real terminal (tmux): completion, a command, tail and Ctrl-C. */
class InteractiveShellIT {
    @TempDir
    Path workdir;
    private final String session = "gea" + ProcessHandle.current().pid();

    private static String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "tmux " + args[0] + ": " + out);
        return out;
    }

    /** The screen once it shows what {@code until} looks for, or fails with what it showed. */
    private String screen(Predicate<String> until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-t", session, "-p", "-S", "-100");
            if (until.test(screen)) return screen;
            Thread.sleep(100);
        }
        throw new AssertionError("the terminal never showed what was expected:\n" + screen);
    }

    @AfterEach
    void closeTerminal() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void theShellCompletesCommandsAndWebhookUrlsRunsCommandsAndTailsEventsUntilCtrlC() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"http://127.0.0.1:9/listen\": {}}").start();
            tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50",
                    DaemonProcess.DISTRIBUTION.resolve("bin/gluster-eventsapi") + " --workdir " + workdir);
            screen(s -> s.contains("gluster-eventsapi>"), Duration.ofSeconds(20)); // tmux trims the trailing space
            Thread.sleep(500); // the prompt is drawn just before the line reader takes keys

            tmux("send-keys", "-t", session, "webhook-d", "Tab");
            screen(s -> s.contains("gluster-eventsapi> webhook-del"), Duration.ofSeconds(5));
            tmux("send-keys", "-t", session, "Tab"); // completion added the space; now the candidates: options and URLs
            screen(s -> s.contains("--workdir") && s.contains("http://127.0.0.1:9/listen"), Duration.ofSeconds(5));
            tmux("send-keys", "-t", session, "h", "Tab");
            screen(s -> s.contains("gluster-eventsapi> webhook-del http://127.0.0.1:9/listen"), Duration.ofSeconds(5));
            tmux("send-keys", "-t", session, "C-u", "config-get --name log-l", "Tab", "Enter");
            screen(s -> s.contains("| log-level | INFO  |"), Duration.ofSeconds(10));

            tmux("send-keys", "-t", session, "tail", "Enter");
            screen(s -> s.contains("TIMESTAMP"), Duration.ofSeconds(10));
            daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=tailed-volume");
            screen(s -> s.contains("VOLUME_CREATE") && s.contains("name=tailed-volume"), Duration.ofSeconds(10));
            tmux("send-keys", "-t", session, "C-c");
            tmux("send-keys", "-t", session, "webhook-list", "Enter");
            screen(s -> s.contains("| http://127.0.0.1:9/listen | none |"), Duration.ofSeconds(10));
            tmux("send-keys", "-t", session, "exit", "Enter");
        }
    }
}
