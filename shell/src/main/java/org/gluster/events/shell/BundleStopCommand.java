package org.gluster.events.shell;

import picocli.CommandLine.Command;

@Command(name = "stop", description = {
        "Stop a bundle on every node (or on --node HOST): its sources, filters or sinks go away while everything else "
                + "runs on. A sink keeps its position in the journal and resumes from it when started again.",
        "The stop lasts until 'bundle start NAME', across daemon restarts (the node keeps the name in "
                + "<workdir>/events/stopped-bundles).",
        "The runtime's own bundles (core, api, the system/ folder) cannot be stopped.",
        "Exit 3 if no node stopped it, 4 if some did not."})
final class BundleStopCommand extends BundleNamedChange {
    @Override
    String action() {
        return "/stop";
    }
}
