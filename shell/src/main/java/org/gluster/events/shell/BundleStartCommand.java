package org.gluster.events.shell;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = {
        "Start a bundle on every node (or on --node HOST), one stopped with 'bundle stop' or one that could not start "
                + "before (BUNDLE STATUS then says why it still cannot).",
        "Exit 3 if no node started it, 4 if some did not."})
final class BundleStartCommand extends BundleChangeCommand {
    @Parameters(paramLabel = "NAME", completionCandidates = BundleNameCandidates.class,
            description = "The bundle: its symbolic name, its last part (webhook) or its id.")
    String name;

    @Override
    void prepare() throws CommandFailure {
        BundleNodes.checkName(name);
    }

    @Override
    String method() {
        return "POST";
    }

    @Override
    String path() {
        return "/v1/admin/bundles/" + name + "/start";
    }

    @Override
    String check(Map<?, ?> row) {
        String running = running(row);
        return running.isEmpty() ? "" : "not started: " + running;
    }
}
