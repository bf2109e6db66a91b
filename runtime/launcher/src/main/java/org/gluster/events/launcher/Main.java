package org.gluster.events.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;

/**
 * {@code bin/glustereventsd}: the foreground daemon. Decides where state lives, takes the workdir
 * lock, sets up logging, embeds Apache Felix and starts the base bundles of the distribution's
 * {@code system/} folder; Felix FileInstall, the last of them, installs and starts the
 * {@code bundles/} folder and keeps watching it for hot deploys. Runs until SIGTERM or Ctrl-C. SIGUSR2 and SIGHUP reload the configuration.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger("glustereventsd.launcher");
    private static final String USAGE = """
            Usage: glustereventsd [--workdir DIR]

            Runs the Gluster events daemon in the foreground: it receives the events Gluster
            processes emit (UDP port 55555 and an AF_UNIX socket) and delivers them to the webhooks
            of <workdir>/events/webhooks.json.

            Options:
              --workdir DIR   the glusterd working directory whose events/ folder holds config.json,
                              webhooks.json and the node id. Default: $GLUSTERD_WORKDIR; else
                              /var/lib/glusterd when run as root on a Gluster node; else the user's
                              state folder ($XDG_STATE_HOME or ~/.local/state)/glustereventsd.
              -h, --help      show this help

            Signals: SIGUSR2 or SIGHUP reloads config.json and webhooks.json (they are also picked
            up within a second of being rewritten); SIGTERM or Ctrl-C stops the daemon.

            On its REST port (rest-port, 24010): / the web dashboard (log in with an application's
            secret, gluster-rest app-add NAME), /metrics for Prometheus, /v1/health (liveness) and
            /v1/health/ready (readiness: 503 and why when not ready), /v1/events (WebSocket).
            Logs: <workdir>/events/log/events.log (or /var/log/glusterfs/events.log as root) and
            standard error; log-level and log-format (text or json) in config.json.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        String workdir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--workdir" -> {
                    if (i + 1 == args.length) exit(2, "--workdir needs a directory");
                    workdir = args[++i];
                }
                default -> {
                    if (args[i].startsWith("--workdir=")) workdir = args[i].substring("--workdir=".length());
                    else exit(2, "unknown argument " + args[i] + "\n\n" + USAGE);
                }
            }
        }
        Path home = Path.of(System.getProperty("glustereventsd.home", ".")).toAbsolutePath().normalize();
        boolean root = "root".equals(System.getProperty("user.name"));
        Layout layout = Layout.decide(home, workdir, System.getenv(), root);
        try {
            run(layout);
        } catch (IllegalStateException e) {
            exit(1, e.getMessage());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "glustereventsd failed to start", e);
            exit(1, "failed to start: " + e);
        }
    }

    private static void run(Layout layout) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(layout.workdir().resolve("events"));
        PidFileLock lock = PidFileLock.acquire(layout.pidFile());
        Path config = layout.workdir().resolve("events/config.json");
        boolean journal = JournalFormatter.connected(System.getenv("JOURNAL_STREAM"));
        String format = DaemonLogging.configuredFormat(layout.defaultsFile(), config);
        DaemonLogging logging = DaemonLogging.setUp(layout.logFile(), format, journal);
        Files.createDirectories(layout.cache());
        Files.setPosixFilePermissions(layout.cache(), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(layout.socket().getParent());

        List<String> banner = List.of(
                "glustereventsd: state in " + layout.workdir() + (layout.glusterNode() ? " (Gluster node)" : ""),
                "  config    " + config + " (defaults " + layout.defaultsFile() + ")",
                "  webhooks  " + layout.workdir().resolve("events/webhooks.json"),
                "  socket    " + layout.socket(),
                "  log       " + layout.logFile());
        if (format.equals("json")) {
            LOG.info(String.join("\n", banner)); // one JSON line like every other
        } else {
            PrintStream out = System.out;
            for (String line : banner) out.println((journal ? "<6>" : "") + line); // under journald: info
        }

        Framework framework = boot(layout, logging);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(framework, lock), "shutdown"));
        Signals.onReload(signal -> reload(framework, signal));
        awaitPipeline(framework);
        LOG.info(String.format("glustereventsd ready in %.2f s (pid %d)", (System.nanoTime() - started) / 1e9,
                ProcessHandle.current().pid()));
        framework.waitForStop(0);
    }

    private static Framework boot(Layout layout, DaemonLogging logging) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, layout.cache().resolve("felix").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Bundles log through SLF4J, which lives on the launcher's class path with its JUL binding.
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, slf4jPackages());
        properties.put("felix.log.level", "1");
        properties.put("felix.fileinstall.dir", layout.home().resolve("bundles").toString());
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.log.default", "jul");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("glustereventsd.workdir", layout.workdir().toString());
        properties.put("glustereventsd.defaults", layout.defaultsFile().toString());
        properties.put("glustereventsd.socket", layout.socket().toString());
        properties.put("glustereventsd.home", layout.home().toString());

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(layout.home().resolve("system"), "*.jar")) {
            List<Path> sorted = new ArrayList<>();
            jars.forEach(sorted::add);
            sorted.sort(null);
            for (Path jar : sorted) installed.add(context.installBundle(jar.toUri().toString()));
        }
        if (installed.isEmpty()) throw new IllegalStateException("no bundles in " + layout.home().resolve("system"));
        framework.start();
        // The core bundle switches the log format through this when the configuration is loaded.
        context.registerService(Consumer.class.getName(), logging,
                new Hashtable<>(Map.of(DaemonLogging.SERVICE_PROPERTY, DaemonLogging.SERVICE_VALUE)));
        // FileInstall last: its first scan installs and starts the bundles/ folder on a running base.
        installed.sort(java.util.Comparator.comparing(b -> "org.apache.felix.fileinstall".equals(b.getSymbolicName())));
        for (Bundle bundle : installed) {
            if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) continue;
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                // A bundle that fails to start is reported; the daemon runs with the others.
                LOG.log(Level.SEVERE, "Bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage(), e);
            }
        }
        return framework;
    }

    /** The packages slf4j-api exports, with their versions, read from its own manifest. */
    private static String slf4jPackages() throws IOException {
        URL location = org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (JarFile jar = new JarFile(Path.of(location.getPath()).toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) throw new IllegalStateException("slf4j-api has no Export-Package header");
            return exports;
        }
    }

    private static void awaitPipeline(Framework framework) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            BundleContext context = framework.getBundleContext();
            if (context != null && context.getServiceReference("org.gluster.events.runtime.pipeline.Pipeline") != null) return;
            Thread.sleep(20);
        }
        LOG.warning("The pipeline did not come up within 10 s; see the errors above");
    }

    /** Runs the reload handlers the bundles registered (Runnable services with glustereventsd.signal=USR2). */
    private static void reload(Framework framework, String signal) {
        LOG.info("Reloading on SIG" + signal);
        BundleContext context = framework.getBundleContext();
        try {
            ServiceReference<?>[] references = context.getServiceReferences(Runnable.class.getName(),
                    "(glustereventsd.signal=USR2)");
            if (references == null) return;
            for (ServiceReference<?> reference : references) {
                Runnable handler = (Runnable) context.getService(reference);
                try {
                    handler.run();
                } finally {
                    context.ungetService(reference);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Reload on SIG" + signal + " failed", e);
        }
    }

    private static void shutdown(Framework framework, PidFileLock lock) {
        LOG.info("glustereventsd stopping");
        try {
            framework.stop();
            framework.waitForStop(15_000);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Framework did not stop cleanly", e);
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not release the pid file", e);
        }
        LOG.info("glustereventsd stopped");
        DaemonLogManager.closeAtExit();
    }

    private static void exit(int code, String message) {
        String error = JournalFormatter.connected(System.getenv("JOURNAL_STREAM")) ? "<3>" : "";
        System.err.println(error + "glustereventsd: " + message);
        System.exit(code);
    }
}
