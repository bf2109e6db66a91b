package org.gluster.events.shell;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;

/**
 * What the commands that change plugins.json share: read it, change it, and when something changed
 * give the cluster's configuration a new version and push it to every node (exit 9 if some node
 * did not take it; it does when it is back). Nothing changed: exit 2.
 */
abstract class PluginSettingsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        Output output = common.output();
        try {
            PluginsFile file = new PluginsFile(common.layout().workdir());
            Map<String, Map<String, Object>> plugins = file.read();
            String before = plugins.toString();
            String said = change(plugins, output);
            if (said == null) return ExitCode.OK;
            if (plugins.toString().equals(before)) throw new CommandFailure(ExitCode.SAME_VALUE, said);
            plugins.values().removeIf(Map::isEmpty);
            file.write(plugins);
            if (!output.json()) output.result(said, null);
            return ClusterPush.publishAndReport(common.layout(), output, ExitCode.CONFIG_SYNC_FAILED);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }

    /**
     * Changes {@code plugins} in place.
     *
     * @return what was done, for people (or, when nothing changed, why: exit 2); null when the
     *         command only showed something
     */
    abstract String change(Map<String, Map<String, Object>> plugins, Output output) throws Exception;
}
