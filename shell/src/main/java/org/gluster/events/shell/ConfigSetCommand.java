package org.gluster.events.shell;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.gluster.events.runtime.config.ConfigKey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config-set", description = {"Set a configuration value; the daemon applies it within a second.",
        "Exit 7 for an unknown name, 1 for a value that is not allowed (the message says what is), 2 when it is already the value."})
final class ConfigSetCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = ConfigNames.class, description = "port, rest-port, bind-address, socket-path, udp-allow, "
            + "log-level, log-format (text or json), disable-events-log, webhook-max-age-hours, journal-max-mb, journal-max-age-hours or journal-fsync-ms.")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The new value; a list (udp-allow) as comma-separated items.")
    String value;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            ConfigKey key = ConfigOverrides.key(name);
            Object parsed;
            try {
                parsed = key.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCode.ERROR, e.getMessage());
            }
            ConfigOverrides file = new ConfigOverrides(common.layout());
            if (Objects.equals(file.effective().get(key.key()), parsed)) {
                throw new CommandFailure(ExitCode.SAME_VALUE, "Config value not changed. Same config");
            }
            Map<String, Object> overrides = file.read();
            overrides.put(key.key(), parsed);
            file.write(overrides);
            return ClusterPush.publishAndReport(common.layout(), output, ExitCode.CONFIG_SYNC_FAILED);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }
}
