package org.gluster.events.launcher;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Reload on SIGUSR2 (what the existing daemon listens to) and SIGHUP (what daemons usually do). */
final class Signals {
    private static final Logger LOG = Logger.getLogger("glustereventsd.launcher");

    private Signals() {
    }

    static void onReload(Runnable reload) {
        for (String name : new String[] {"USR2", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> reload.run());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }
}
