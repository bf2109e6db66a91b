package org.gluster.events.shell;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bundle", description = {
        "Manage the plugin bundles (sources, filters, sinks) on every node.",
        "Each command goes to this node and its peers, or to one node with --node HOST.",
        "",
        "  bundle list                    what runs on each node, and why not",
        "  bundle install FILE|URL        add a bundle to the bundles/ folder of each",
        "                                 node's distribution: it is loaded now and",
        "                                 at every start of the daemon",
        "  bundle update NAME [FILE|URL]  replace it, or reload it from its file",
        "  bundle uninstall NAME          remove it, and its file",
        "  bundle stop NAME               stop it, until bundle start (restarts too)",
        "  bundle start NAME              start it",
        "",
        "NAME is a symbolic name, its last part (webhook for",
        "org.gluster.events.sink.webhook) or a bundle id. The runtime itself (the",
        "core and api bundles, the system/ folder) is not managed here: replace the",
        "distribution to upgrade it.",
        "Every command takes --node HOST and --json; 'bundle help COMMAND' explains one.",
        "Exit 1 on a bad FILE|URL or NAME, 3 if no node did it, 4 if some did not."},
        subcommands = {BundleListCommand.class, BundleInstallCommand.class, BundleUpdateCommand.class,
                BundleUninstallCommand.class, BundleStartCommand.class, BundleStopCommand.class,
                CommandLine.HelpCommand.class})
final class BundleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Taken so that {@code bundle --workdir DIR}, as the interactive shell runs it, shows this help. */
    @Mixin
    CommonOptions common;

    /** {@code bundle} alone: what its commands are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCode.ERROR;
    }
}
