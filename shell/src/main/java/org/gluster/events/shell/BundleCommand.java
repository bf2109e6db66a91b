package org.gluster.events.shell;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bundle", description = {
        "Manage the plugin bundles (sources, filters, sinks) of glustereventsd on every node, or on one with --node HOST.",
        "",
        "  bundle list                       what runs on each node, and why something does not",
        "  bundle install FILE|URL           add a bundle: it goes to the bundles/ folder of the",
        "                                    distribution and is loaded again at every start",
        "  bundle update NAME [FILE|URL]     replace it (or reload it from its file)",
        "  bundle uninstall NAME             remove it, and its file",
        "  bundle stop NAME, bundle start NAME",
        "",
        "NAME is a bundle's symbolic name, its last part (webhook for org.gluster.events.sink.webhook) or its id.",
        "A stop lasts until 'bundle start', across daemon restarts. The runtime itself (core, api, the",
        "system/ folder) is not managed here: replace the distribution to upgrade it.",
        "Each command takes --node HOST and --json; 'gluster-eventsapi help bundle COMMAND' explains one.",
        "Exit 3 if no node did it, 4 if some did not."},
        subcommands = {BundleListCommand.class, BundleInstallCommand.class, BundleUpdateCommand.class,
                BundleUninstallCommand.class, BundleStartCommand.class, BundleStopCommand.class})
final class BundleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code bundle} alone: what its commands are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCode.ERROR;
    }
}
