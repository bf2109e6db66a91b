package org.gluster.events.shell;

import picocli.CommandLine.Command;

@Command(name = "uninstall", description = {
        "Remove a bundle from every node (or from --node HOST): a bundle of the bundles/ folder has its file deleted "
                + "there, so it does not come back at the next start.",
        "Exit 3 if no node removed it, 4 if some did not."})
final class BundleUninstallCommand extends BundleNamedChange {
    @Override
    String method() {
        return "DELETE";
    }

    @Override
    String action() {
        return "";
    }
}
