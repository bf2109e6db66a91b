package org.gluster.events.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;

import org.gluster.events.launcher.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "reload", description = {"Make glustereventsd on every node re-read config.json and webhooks.json now",
        "(this node by SIGUSR2, its peers through their admin API).", "Exit 3 if no node reloaded, 4 if some did not."})
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Layout layout = common.layout();
        NodeTable result = new NodeTable("RELOAD").add("localhost", true, signal(layout));
        ClusterNodes cluster = new ClusterNodes(layout);
        try {
            cluster.onEachPeer(result, host -> {
                cluster.call(host, "POST", "/v1/admin/reload");
                return "";
            });
        } catch (CommandFailure failure) {
            common.output().error(failure.getMessage());
            return failure.exitCode;
        }
        result.print(common.output());
        return result.exitCode();
    }

    /** "" once the daemon of this workdir was signalled, else why not. */
    private static String signal(Layout layout) throws InterruptedException {
        DaemonHealth health = DaemonHealth.probe(layout);
        if (health.health().isEmpty()) return health.error();
        try {
            String pid = new String(Files.readAllBytes(layout.pidFile()), StandardCharsets.US_ASCII).trim();
            Process kill = new ProcessBuilder("kill", "-USR2", pid).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return kill.waitFor() == 0 ? "" : "cannot signal pid " + pid + ": " + said;
        } catch (IOException e) {
            return "cannot read " + layout.pidFile() + ": " + e.getMessage();
        }
    }
}
