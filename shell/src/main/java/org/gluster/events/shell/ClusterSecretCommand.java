package org.gluster.events.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.runtime.cluster.ClusterSecret;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cluster-secret", description = {
        "Say where this node's cluster secret is and how another node gets it (never prints the secret).",
        "Nodes call each other's /v1/listen and admin API with short-lived tokens signed with this secret;",
        "a call without a valid token gets 401. glustereventsd creates the secret, 32 random bytes in",
        "<workdir>/events/cluster.secret (mode 0600), on its first start. Every node of the cluster needs",
        "the same file: copy it from a node that has it to each new node before starting glustereventsd there."})
final class ClusterSecretCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path file = common.layout().workdir().resolve("events").resolve(ClusterSecret.FILE_NAME);
        boolean exists = Files.isRegularFile(file);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", file.toString());
        json.put("exists", exists);
        String text = exists
                ? "The cluster secret of this node is " + file + ".\nGive it to a new node before starting glustereventsd there:\n"
                        + "  scp -p " + file + " root@<new node>:" + file + "\n(keep it mode 0600, owned by the user the daemon runs as)"
                : "This node has no cluster secret yet (" + file + "). Copy it here from a node of the cluster,\n"
                        + "or start glustereventsd to create one if this is the first node.";
        common.output().result(text, json);
        return ExitCode.OK;
    }
}
