package org.gluster.events.shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "install", description = {
        "Install a bundle on every node (or on --node HOST): the jar is read here, once, and sent to each node, "
                + "which puts it in the bundles/ folder of its distribution. FileInstall loads and starts it there, "
                + "and again at every start of the daemon.",
        "BUNDLE STATUS is NOT OK when a node refused it (already installed: use bundle update) or could not start it "
                + "(the reason is given, such as a missing package).",
        "Exit 1 if FILE|URL is not a bundle, 3 if no node installed it, 4 if some did not."})
final class BundleInstallCommand extends BundleChangeCommand {
    @Parameters(paramLabel = "FILE|URL", description = "The bundle's jar: a file, or an http://, https:// or file: URL.")
    String source;

    private BundleFile file;

    @Override
    void prepare() throws CommandFailure, InterruptedException {
        file = BundleFile.load(source);
    }

    @Override
    String method() {
        return "POST";
    }

    @Override
    String path() {
        return "/v1/admin/bundles?file=" + URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8);
    }

    @Override
    byte[] body() {
        return file.bytes();
    }

    @Override
    String check(Map<?, ?> row) {
        String running = running(row);
        return running.isEmpty() ? "" : "installed, but not started: " + running;
    }
}
