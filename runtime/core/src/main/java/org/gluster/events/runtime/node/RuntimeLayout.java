package org.gluster.events.runtime.node;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * Where this daemon's state lives, as the launcher decided and passed in framework properties
 * (the launcher prints it at start).
 *
 * @param workdir        the glusterd working directory ({@code /var/lib/glusterd} on a real node)
 * @param defaultsFile   the shipped config defaults ({@code eventsconfig.json})
 * @param defaultSocket  the AF_UNIX socket path used when {@code socket-path} is not configured
 */
public record RuntimeLayout(Path workdir, Path defaultsFile, Path defaultSocket) {
    public static final String WORKDIR = "glustereventsd.workdir";
    public static final String DEFAULTS_FILE = "glustereventsd.defaults";
    public static final String DEFAULT_SOCKET = "glustereventsd.socket";
    /** The distribution's folder ({@code bin/}, {@code system/}, {@code bundles/}), set by the launcher. */
    public static final String HOME = "glustereventsd.home";

    public static RuntimeLayout from(BundleContext context) {
        String workdir = context.getProperty(WORKDIR);
        if (workdir == null) throw new IllegalStateException("framework property " + WORKDIR + " is not set");
        Path work = Path.of(workdir);
        String defaults = context.getProperty(DEFAULTS_FILE);
        String socket = context.getProperty(DEFAULT_SOCKET);
        return new RuntimeLayout(work,
                defaults == null ? null : Path.of(defaults),
                socket == null ? work.resolve("events").resolve("events.sock") : Path.of(socket));
    }

    /** {@code <workdir>/events}: config.json, webhooks.json, the node id when glusterd has none. */
    public Path eventsDir() {
        return workdir.resolve("events");
    }

    /**
     * The hot-deploy folder Felix FileInstall watches ({@code felix.fileinstall.dir}, which the
     * launcher sets to {@code <home>/bundles}), or null when the framework has none.
     */
    public static Path hotDeployDir(BundleContext context) {
        String dir = context.getProperty("felix.fileinstall.dir");
        if (dir != null) return Path.of(dir).toAbsolutePath().normalize();
        String home = context.getProperty(HOME);
        return home == null ? null : Path.of(home).resolve("bundles").toAbsolutePath().normalize();
    }

    /** {@code <home>/system}: the base bundles the launcher installs, or null outside the distribution. */
    public static Path systemDir(BundleContext context) {
        String home = context.getProperty(HOME);
        return home == null ? null : Path.of(home).resolve("system").toAbsolutePath().normalize();
    }
}
