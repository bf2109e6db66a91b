package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** {@code --node HOST} of the bundle commands: the nodes a command goes to. */
final class BundleNodes {
    @Option(names = "--node", paramLabel = "HOST",
            description = "Only this node (a peer's host name as glusterd knows it, or localhost for this one). "
                    + "Default: this node and every peer.")
    String node;

    /** The hosts to call: null is this node, at its own REST address. */
    List<String> targets(ClusterNodes cluster) throws CommandFailure {
        List<String> hosts = new ArrayList<>();
        if (node != null) {
            hosts.add(node.equals("localhost") ? null : node);
            return hosts;
        }
        hosts.add(null);
        hosts.addAll(cluster.peerHosts());
        return hosts;
    }

    static String label(String host) {
        return host == null ? "localhost" : host;
    }

    /** Why a node that did not answer is DOWN. */
    static String down(String host, java.io.IOException e, CommonOptions common) {
        if (host == null && e instanceof java.net.ConnectException) {
            return "glustereventsd is not running (start it with glustereventsd --workdir " + common.layout().workdir()
                    + ", or systemctl start glustereventsd)";
        }
        return ClusterNodes.notRunning(label(host), e);
    }

    /** A node's error, said for people: a daemon without the bundle API is an older version. */
    static String error(String host, ClusterNodes.Answer answer) {
        if (answer.status() == 404 && answer.error().startsWith("no such admin call")) {
            return "glustereventsd on " + label(host) + " has no bundle API: it runs an older version";
        }
        return answer.error();
    }

    /** A NAME as the API takes it in a path. */
    static String checkName(String name) throws CommandFailure {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new CommandFailure(ExitCode.ERROR, "'" + name + "' is not a bundle name: give a symbolic name, "
                    + "its last part (webhook) or a bundle id (bundle list shows them)");
        }
        return name;
    }
}
