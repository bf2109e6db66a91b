package org.gluster.events.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;

/**
 * What the bundle commands that change something share: the same call to every node (or the one
 * of {@code --node}), and the {@code NODE | NODE STATUS | BUNDLE STATUS} table with its exit code.
 * With {@code --json} each node's entry also has the bundle's row as the node answered it.
 */
abstract class BundleChangeCommand implements Callable<Integer> {
    /** A node waits up to 10 s for FileInstall, then for a refresh and the bundle to start again. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    CommonOptions common;

    @Mixin
    BundleNodes nodes;

    /** Prepares the call (reads the jar, checks the name): before any node is asked. */
    abstract void prepare() throws CommandFailure, InterruptedException;

    abstract String method();

    abstract String path();

    /** The jar to send, or null. */
    byte[] body() {
        return null;
    }

    /** "" when the node's answer (the bundle's row) is what was asked for, else what is wrong with it. */
    String check(Map<?, ?> row) {
        return "";
    }

    @Override
    public final Integer call() throws Exception {
        Output output = common.output();
        NodeTable result = new NodeTable("BUNDLE");
        List<Object> rows = new ArrayList<>();
        try {
            prepare();
            ClusterNodes cluster = new ClusterNodes(common.layout());
            for (String host : nodes.targets(cluster)) {
                try {
                    ClusterNodes.Answer answer = cluster.send(host, method(), path(), body(), "application/java-archive", TIMEOUT);
                    result.add(BundleNodes.label(host), true, answer.ok() ? check(answer.body()) : BundleNodes.error(host, answer));
                    rows.add(answer.ok() ? answer.body() : null);
                } catch (IOException e) {
                    result.add(BundleNodes.label(host), false, BundleNodes.down(host, e, common));
                    rows.add(null);
                }
            }
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        List<Map<String, Object>> json = result.json();
        for (int i = 0; i < json.size(); i++) json.get(i).put("bundle", rows.get(i));
        output.result(result.text(), json);
        return result.exitCode();
    }

    /** "" when a bundle that should run does, else why not. */
    static String running(Map<?, ?> row) {
        if ("active".equals(row.get("state")) || Boolean.TRUE.equals(row.get("fragment"))) return "";
        Object error = row.get("error");
        return error == null ? "it is " + row.get("state") : error.toString();
    }
}
