package org.gluster.events.launcher;

import java.util.logging.Level;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** Reload on SIGUSR2 (what the existing daemon listens to) and SIGHUP (what daemons usually do). */
final class Signals {
    private static final Logger LOG = Logger.getLogger("glustereventsd.launcher");

    private Signals() {
    }

    /** Calls {@code reload} with the signal's name ({@code USR2} or {@code HUP}). */
    static void onReload(Consumer<String> reload) {
        for (String name : new String[] {"USR2", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> reload.accept(name));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }
}
