package org.gluster.events.shell;

import java.util.Map;

import picocli.CommandLine.Command;

@Command(name = "start", description = {
        "Start a bundle on every node (or on --node HOST), one stopped with 'bundle stop' or one that could not start "
                + "before (BUNDLE STATUS then says why it still cannot).",
        "Exit 3 if no node started it, 4 if some did not."})
final class BundleStartCommand extends BundleNamedChange {
    @Override
    String action() {
        return "/start";
    }

    @Override
    String check(Map<?, ?> row) {
        String running = running(row);
        return running.isEmpty() ? "" : "not started: " + running;
    }
}
