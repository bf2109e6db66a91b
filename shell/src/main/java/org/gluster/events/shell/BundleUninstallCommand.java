package org.gluster.events.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "uninstall", description = {
        "Remove a bundle from every node (or from --node HOST): a bundle of the bundles/ folder has its file deleted "
                + "there, so it does not come back at the next start.",
        "Exit 3 if no node removed it, 4 if some did not."})
final class BundleUninstallCommand extends BundleChangeCommand {
    @Parameters(paramLabel = "NAME", completionCandidates = BundleNameCandidates.class,
            description = "The bundle: its symbolic name, its last part (webhook) or its id.")
    String name;

    @Override
    void prepare() throws CommandFailure {
        BundleNodes.checkName(name);
    }

    @Override
    String method() {
        return "DELETE";
    }

    @Override
    String path() {
        return "/v1/admin/bundles/" + name;
    }
}
