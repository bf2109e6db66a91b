package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.App;
import org.gluster.events.runtime.cluster.AppsFile;

import picocli.CommandLine.Mixin;

/**
 * What the gluster-rest commands share: the options, this node's {@code apps.json}, pushing a
 * change to every node, and turning failures into a message and an exit code.
 */
abstract class AppsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        Output output = common.output();
        try {
            return run(common.layout(), output);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }

    abstract int run(Layout layout, Output output) throws CommandFailure, InterruptedException;

    static Path eventsDir(Layout layout) {
        return layout.workdir().resolve("events");
    }

    /** This node's registered applications; an unreadable file is an error that says where it is broken. */
    static Map<String, App> read(Layout layout) throws CommandFailure {
        try {
            return AppsFile.read(eventsDir(layout));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "cannot read the registered applications: " + e.getMessage()
                    + " (fix or remove the file; the daemon keeps the applications it knew)");
        }
    }

    static void write(Layout layout, Map<String, App> apps) throws CommandFailure {
        try {
            AppsFile.write(eventsDir(layout), apps);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "cannot write " + AppsFile.path(eventsDir(layout)) + ": " + e);
        }
    }

    /** The registered application {@code name}, or exit 11. */
    static App existing(Map<String, App> apps, String name) throws CommandFailure {
        App app = apps.get(name);
        if (app == null) {
            throw new CommandFailure(ExitCode.APP_MISSING, "Application " + name + " does not exist (gluster-rest app-list shows those that do)");
        }
        return app;
    }

    /**
     * Pushes this node's cluster config, apps included, to every node: the {@code SYNC} table. The
     * change is already made here; when it cannot be pushed, the table says why.
     */
    static NodeTable push(Layout layout) throws InterruptedException {
        try {
            return ClusterPush.publish(layout);
        } catch (IOException | CommandFailure | RuntimeException e) {
            // Never lost: app-add prints the secret after this, whatever happened here.
            return new NodeTable("SYNC").add("localhost", true, "changed here, not pushed to the peers: " + e.getMessage());
        }
    }

    static int exitCode(NodeTable pushed) {
        return pushed.exitCode() == ExitCode.OK ? ExitCode.OK : ExitCode.APPS_SYNC_FAILED;
    }
}
