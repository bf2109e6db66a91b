package org.gluster.events.shell;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code start}, {@code stop} and {@code restart} of eventing on every node, through the admin API:
 * stopped, a node's sources accept nothing while its sinks deliver what was accepted; the daemon
 * and its API stay up, so {@code start} works from any node. A node whose daemon is not running is
 * shown DOWN with how to start it.
 */
abstract class EventingCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    /** The column: {@code START}, {@code STOP}, {@code RESTART}. */
    abstract String what();

    /** The admin calls, in order. */
    abstract List<String> calls();

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        ClusterNodes cluster = new ClusterNodes(common.layout());
        NodeTable result = new NodeTable(what());
        try {
            try {
                callAll(cluster, null);
                result.add("localhost", true, "");
            } catch (IOException e) {
                result.add("localhost", false, "glustereventsd is not running (start it with glustereventsd --workdir "
                        + common.layout().workdir() + ", or systemctl start glustereventsd)");
            }
            cluster.onEachPeer(result, host -> {
                callAll(cluster, host);
                return "";
            });
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        result.print(output);
        return result.exitCode();
    }

    private void callAll(ClusterNodes cluster, String host) throws IOException, InterruptedException, CommandFailure {
        for (String path : calls()) cluster.call(host, "POST", path);
    }

    @Command(name = "start", description = {"Start eventing on every node: sources receive again.",
            "Exit 3 if no node started, 4 if some did not."})
    static final class Start extends EventingCommand {
        String what() {
            return "START";
        }

        List<String> calls() {
            return List.of("/v1/admin/eventing/start");
        }
    }

    @Command(name = "stop", description = {"Stop eventing on every node: sources accept nothing, sinks deliver what was",
            "accepted and keep their positions; the daemons stay up for start. Exit 3 if no node stopped, 4 if some did not."})
    static final class Stop extends EventingCommand {
        String what() {
            return "STOP";
        }

        List<String> calls() {
            return List.of("/v1/admin/eventing/stop");
        }
    }

    @Command(name = "restart", description = {"Stop, then start eventing on every node.", "Exit 3 if no node restarted, 4 if some did not."})
    static final class Restart extends EventingCommand {
        String what() {
            return "RESTART";
        }

        List<String> calls() {
            return List.of("/v1/admin/eventing/stop", "/v1/admin/eventing/start");
        }
    }
}
