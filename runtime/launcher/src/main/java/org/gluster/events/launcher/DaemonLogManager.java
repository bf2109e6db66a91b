package org.gluster.events.launcher;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The JDK resets logging in a shutdown hook of its own, which races with the daemon's: what the
 * bundles log while they stop would be lost. Installed with
 * {@code -Djava.util.logging.manager=org.gluster.events.launcher.DaemonLogManager} (bin/glustereventsd),
 * this manager ignores that reset once the daemon has set up its handlers and closes them itself,
 * last, from the daemon's shutdown hook.
 */
public final class DaemonLogManager extends LogManager {
    private static volatile boolean closedByDaemon;

    static void keepOpenUntilShutdownHookEnds() {
        closedByDaemon = true;
    }

    static void closeAtExit() {
        for (Handler handler : Logger.getLogger("").getHandlers()) handler.close();
    }

    @Override
    public void reset() {
        if (!closedByDaemon) super.reset();
    }
}
