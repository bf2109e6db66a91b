package org.gluster.events.shell;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", description = {
        "Give every node this node's config.json and webhooks.json (as a new version).",
        "Rarely needed: every change through gluster-eventsapi is pushed, and a node that was down",
        "takes the newest version from its peers within seconds of coming back. Use it after editing",
        "the files by hand. Exit 3 if no node took it, 4 if some did not."})
final class SyncCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            NodeTable pushed = ClusterPush.publish(common.layout());
            pushed.print(output);
            return pushed.exitCode();
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }
}
