package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.it.DaemonProcess.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gluster-eventsapi bundle ...} against the real distribution (its own copy, whose
 * {@code bundles/} folder the test changes): a small bundle built here is installed, stopped,
 * started, updated to a higher version and uninstalled; the runtime refuses to stop its core; a
 * jar copied by hand into {@code bundles/} shows up in the list.
 */
class BundleCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO = "com.example.demo";

    @TempDir
    Path root;

    /** A real bundle: a manifest naming it, and one resource. */
    private static Path bundleJar(Path file, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("com/example/demo/readme.txt"));
            jar.write(("demo " + version).getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static CommandResult ok(CommandResult result) {
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        return result;
    }

    /** {@code bundle list --json}: this node's rows. */
    private static List<?> bundles(DaemonProcess daemon) throws Exception {
        CommandResult listed = ok(daemon.eventsapi("bundle", "list", "--json"));
        Map<?, ?> node = (Map<?, ?>) ((List<?>) JSON.readValue(listed.stdout(), Map.class).get("output")).get(0);
        assertEquals("localhost", node.get("node"));
        assertEquals("UP", node.get("node_status"));
        return (List<?>) node.get("bundles");
    }

    private static Map<?, ?> row(DaemonProcess daemon, String name) throws Exception {
        for (Object row : bundles(daemon)) if (name.equals(((Map<?, ?>) row).get("name"))) return (Map<?, ?>) row;
        return null;
    }

    @Test
    void aBundleIsInstalledStoppedStartedUpdatedAndUninstalledThroughTheBundlesFolder() throws Exception {
        Path v1 = bundleJar(root.resolve("demo-1.0.0.jar"), DEMO, "1.0.0");
        Path v2 = bundleJar(root.resolve("demo-2.0.0.jar"), DEMO, "2.0.0");
        try (DaemonProcess daemon = new DaemonProcess(root.resolve("work")).distribution(DaemonProcess.privateDistribution(root))) {
            daemon.start();
            Path bundlesFolder = root.resolve("glustereventsd/bundles");

            CommandResult installed = ok(daemon.eventsapi("bundle", "install", v1.toString()));
            assertTrue(installed.stdout().contains("| localhost | UP          | OK            |"), installed.stdout());
            assertTrue(Files.exists(bundlesFolder.resolve("demo-1.0.0.jar")), "the jar went to the bundles/ folder");
            Map<?, ?> demo = row(daemon, DEMO);
            assertEquals("active", demo.get("state"));
            assertEquals("1.0.0", demo.get("version"));
            assertEquals(true, demo.get("hot_deploy"));
            String table = ok(daemon.eventsapi("bundle", "list")).stdout();
            assertTrue(table.startsWith("Node localhost:\n") && table.contains("| NAME ") && table.contains("| PROVIDES"), table);
            assertTrue(DaemonProcess.lines(table, DEMO).get(0).contains("| 1.0.0 ") && DaemonProcess.lines(table, DEMO).get(0).contains("| active"), table);
            assertTrue(DaemonProcess.lines(table, "org.gluster.events.source.udp").get(0).contains("source udp"), table);

            CommandResult again = daemon.eventsapi("bundle", "install", v1.toString());
            assertEquals(3, again.exitCode(), again.stdout());
            assertTrue(again.stdout().contains("already installed") && again.stdout().contains("use bundle update"), again.stdout());

            ok(daemon.eventsapi("bundle", "stop", "demo"));
            assertEquals("resolved", row(daemon, DEMO).get("state"));
            assertTrue(Files.readString(daemon.workdir.resolve("events/stopped-bundles")).contains(DEMO));
            assertTrue(DaemonProcess.lines(ok(daemon.eventsapi("bundle", "list")).stdout(), DEMO).get(0).contains("resolved (stopped)"));

            ok(daemon.eventsapi("bundle", "start", DEMO));
            assertEquals("active", row(daemon, DEMO).get("state"));
            assertFalse(Files.readString(daemon.workdir.resolve("events/stopped-bundles")).contains(DEMO));

            CommandResult updated = ok(daemon.eventsapi("bundle", "update", "demo", v2.toUri().toString()));
            assertTrue(updated.stdout().contains("| localhost | UP          | OK            |"), updated.stdout());
            demo = row(daemon, DEMO);
            assertEquals("2.0.0", demo.get("version"));
            assertEquals("active", demo.get("state"));
            assertEquals(1, bundles(daemon).stream().filter(b -> DEMO.equals(((Map<?, ?>) b).get("name"))).count(), "updated, not added");

            ok(daemon.eventsapi("bundle", "uninstall", DEMO));
            assertNull(row(daemon, DEMO));
            assertFalse(Files.exists(bundlesFolder.resolve("demo-1.0.0.jar")), "its file is gone from bundles/");
        }
    }

    @Test
    void aStoppedBundleStaysStoppedWhenTheDaemonRestarts() throws Exception {
        Path v1 = bundleJar(root.resolve("demo-1.0.0.jar"), DEMO, "1.0.0");
        try (DaemonProcess daemon = new DaemonProcess(root.resolve("work")).distribution(DaemonProcess.privateDistribution(root))) {
            daemon.start();
            ok(daemon.eventsapi("bundle", "install", v1.toString()));
            ok(daemon.eventsapi("bundle", "stop", "demo"));
            daemon.close();

            daemon.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Map<?, ?> demo = row(daemon, DEMO);
            while (!"resolved".equals(demo.get("state")) && System.nanoTime() < deadline) { // FileInstall starts it, the runtime stops it
                Thread.sleep(100);
                demo = row(daemon, DEMO);
            }
            assertEquals("resolved", demo.get("state"), demo.toString());
            assertEquals(true, demo.get("kept_stopped"));
            daemon.awaitLog("Bundle " + DEMO + " stopped again", Duration.ofSeconds(5));
            ok(daemon.eventsapi("bundle", "start", "demo"));
            assertEquals("active", row(daemon, DEMO).get("state"));
        }
    }

    @Test
    void theRuntimeUnknownNamesAndNonBundlesAreRefusedWithAClearErrorAndAJarCopiedByHandShowsUp() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(root.resolve("work")).distribution(DaemonProcess.privateDistribution(root))) {
            daemon.start();

            CommandResult core = daemon.eventsapi("bundle", "stop", "core");
            assertEquals(3, core.exitCode(), core.stdout());
            assertTrue(core.stdout().contains("NOT OK: org.gluster.events.runtime.core is part of the runtime"), core.stdout());
            assertEquals("active", row(daemon, "org.gluster.events.runtime.core").get("state"));

            CommandResult unknown = daemon.eventsapi("bundle", "start", "nonesuch", "--json");
            assertEquals(3, unknown.exitCode(), unknown.stdout());
            Map<?, ?> node = (Map<?, ?>) ((List<?>) JSON.readValue(unknown.stdout(), Map.class).get("output")).get(0);
            assertEquals("NOT OK", node.get("bundle_status"));
            assertTrue(((String) node.get("error")).startsWith("no bundle named 'nonesuch'"), node.toString());

            Path notAJar = Files.writeString(root.resolve("notes.jar"), "not a jar");
            CommandResult refused = daemon.eventsapi("bundle", "install", notAJar.toString());
            assertEquals(1, refused.exitCode());
            assertTrue(refused.stderr().contains("not a jar file"), refused.stderr());

            Path byHand = bundleJar(root.resolve("by-hand.jar"), "com.example.byhand", "1.0.0");
            Path temp = root.resolve("glustereventsd/bundles/.by-hand.tmp");
            Files.copy(byHand, temp);
            Files.move(temp, root.resolve("glustereventsd/bundles/by-hand.jar"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Map<?, ?> found = row(daemon, "com.example.byhand");
            while (found == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
                found = row(daemon, "com.example.byhand");
            }
            assertNotNull(found, "a jar copied into bundles/ is listed within 5 s");
            assertEquals(true, found.get("hot_deploy"));
            assertTrue(String.valueOf(found.get("location")).endsWith("/bundles/by-hand.jar"), found.toString());
        }
    }

    /** In the interactive shell (a real terminal: tmux), bundle commands and the names of this node's bundles complete. */
    @Test
    void theInteractiveShellCompletesBundleCommandsAndBundleNamesAndRunsThem() throws Exception {
        String session = "geb" + ProcessHandle.current().pid();
        try (DaemonProcess daemon = new DaemonProcess(root.resolve("work"))) {
            daemon.start();
            tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50",
                    DaemonProcess.DISTRIBUTION.resolve("bin/gluster-eventsapi") + " --workdir " + daemon.workdir);
            screen(session, s -> s.contains("gluster-eventsapi>"), Duration.ofSeconds(20));
            Thread.sleep(500); // the prompt is drawn just before the line reader takes keys
            tmux("send-keys", "-t", session, "bundle li", "Tab");
            screen(session, s -> s.contains("gluster-eventsapi> bundle list"), Duration.ofSeconds(5));
            tmux("send-keys", "-t", session, "C-u", "bundle stop webs", "Tab");
            screen(session, s -> s.contains("gluster-eventsapi> bundle stop websocket"), Duration.ofSeconds(5));
            tmux("send-keys", "-t", session, "C-u", "bundle list", "Enter");
            screen(session, s -> s.contains("| org.gluster.events.sink.websocket ") && s.contains("sink websocket"), Duration.ofSeconds(10));
            tmux("send-keys", "-t", session, "exit", "Enter");
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String tmux(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "tmux " + args[0] + ": " + out);
        return out;
    }

    private static String screen(String session, Predicate<String> until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-t", session, "-p", "-S", "-100");
            if (until.test(screen)) return screen;
            Thread.sleep(100);
        }
        throw new AssertionError("the terminal never showed what was expected:\n" + screen);
    }
}
