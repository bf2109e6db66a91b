package org.gluster.events.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a daemon's state lives. On a Gluster node, as root, with no workdir given: glusterd's own
 * places ({@code /var/lib/glusterd}, {@code /var/run/gluster/events.sock},
 * {@code /var/log/glusterfs/events.log}, {@code /etc/glusterfs/eventsconfig.json}). Anywhere else:
 * everything under one folder, {@code --workdir}, {@code GLUSTERD_WORKDIR}, or the user's state folder.
 */
public record Layout(Path home, Path workdir, Path socket, Path logFile, Path defaultsFile, Path cache, Path pidFile, boolean glusterNode) {
    static final Path GLUSTERD_WORKDIR = Path.of("/var/lib/glusterd");

    public static Layout decide(Path home, String workdirOption, Map<String, String> env, boolean root) {
        Path shippedDefaults = home.resolve("etc").resolve("eventsconfig.json");
        String given = workdirOption != null ? workdirOption : env.get("GLUSTERD_WORKDIR");
        boolean glusterNode = root && Files.isRegularFile(GLUSTERD_WORKDIR.resolve("glusterd.info"))
                && (given == null || Path.of(given).toAbsolutePath().normalize().equals(GLUSTERD_WORKDIR));
        if (glusterNode) {
            Path systemDefaults = Path.of("/etc/glusterfs/eventsconfig.json");
            Path events = GLUSTERD_WORKDIR.resolve("events");
            return new Layout(home, GLUSTERD_WORKDIR, Path.of("/var/run/gluster/events.sock"),
                    Path.of("/var/log/glusterfs/events.log"),
                    Files.isRegularFile(systemDefaults) ? systemDefaults : shippedDefaults,
                    events.resolve("runtime"), Path.of("/var/run/gluster/glustereventsd.pid"), true);
        }
        Path workdir = (given != null ? Path.of(given) : userStateFolder(env)).toAbsolutePath().normalize();
        Path events = workdir.resolve("events");
        return new Layout(home, workdir, events.resolve("events.sock"), events.resolve("log").resolve("events.log"),
                shippedDefaults, events.resolve("runtime"), events.resolve("glustereventsd.pid"), false);
    }

    /** {@code $XDG_STATE_HOME/glustereventsd}, else {@code ~/.local/state/glustereventsd}. */
    private static Path userStateFolder(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("glustereventsd");
    }
}
