package org.gluster.events.shell;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = {
        "Replace a bundle on every node (or on --node HOST) with FILE|URL, read here once; without FILE|URL each "
                + "node reads the bundle again from where it was installed from.",
        "A bundle of the bundles/ folder has its file replaced there (so the new version is what starts next time); "
                + "the bundle is then refreshed: the bundles wired to it are wired again. "
                + "A bundle that ran runs again; a stopped one stays stopped.",
        "Exit 1 if FILE|URL is not a bundle, 3 if no node updated it, 4 if some did not."})
final class BundleUpdateCommand extends BundleNamedChange {
    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE|URL",
            description = "The new jar: a file, or an http://, https:// or file: URL. It must have the same symbolic name.")
    String source;

    private BundleFile file;

    @Override
    void prepare() throws CommandFailure, InterruptedException {
        super.prepare();
        if (source != null) file = BundleFile.load(source);
    }

    @Override
    String action() {
        return "/update";
    }

    @Override
    byte[] body() {
        return file == null ? null : file.bytes();
    }

    @Override
    String check(Map<?, ?> row) {
        Object error = row.get("error");
        return error == null ? "" : "updated, but " + row.get("state") + ": " + error;
    }
}
