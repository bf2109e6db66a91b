package org.gluster.events.shell;

import picocli.CommandLine.Parameters;

/** A change to one installed bundle, named on the command line: {@code POST /v1/admin/bundles/NAME<action>}. */
abstract class BundleNamedChange extends BundleChangeCommand {
    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = BundleNameCandidates.class,
            description = "The bundle: its symbolic name, its last part (webhook) or its id.")
    String name;

    /** What follows the bundle's path: {@code /start}, {@code /stop}, ... */
    abstract String action();

    @Override
    void prepare() throws CommandFailure, InterruptedException {
        BundleNodes.checkName(name);
    }

    @Override
    String method() {
        return "POST";
    }

    @Override
    final String path() {
        return "/v1/admin/bundles/" + name + action();
    }
}
