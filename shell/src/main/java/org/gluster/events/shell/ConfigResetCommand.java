package org.gluster.events.shell;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config-reset", description = {"Go back to the default of one name, or of all.",
        "Exit 7 for an unknown name, 2 when the default is already in force."})
final class ConfigResetCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME|all", completionCandidates = ConfigNames.class, description = "The name to reset, or all.")
    String name;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            ConfigOverrides file = new ConfigOverrides(common.layout());
            Map<String, Object> overrides = file.read();
            boolean changed;
            if (name.equals("all")) {
                changed = !overrides.isEmpty();
                overrides.clear();
            } else {
                changed = overrides.remove(ConfigOverrides.key(name).key()) != null;
            }
            if (!changed) throw new CommandFailure(ExitCode.SAME_VALUE, "Config value not reset. Already using default config");
            file.write(overrides);
            return ClusterPush.publishAndReport(common.layout(), output, ExitCode.CONFIG_SYNC_FAILED);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }
}
