package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.api.codec.EventJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config-get", description = {"Show the configuration in force: the defaults with this node's config.json.",
        "Exit 7 if --name is not a configuration name."})
final class ConfigGetCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--name", paramLabel = "NAME", completionCandidates = ConfigNames.class, description = "Only this name.")
    String name;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            Map<String, Object> effective = new ConfigOverrides(common.layout()).effective();
            Map<String, Object> shown = new LinkedHashMap<>();
            if (name == null) shown.putAll(effective);
            else shown.put(name, effective.get(ConfigOverrides.key(name).key()));
            List<List<String>> rows = new ArrayList<>();
            shown.forEach((key, value) -> rows.add(List.of(key, value instanceof String text ? text : EventJson.toJson(value))));
            output.result(Output.table(List.of("NAME", "VALUE"), rows), shown);
            return ExitCode.OK;
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }
}
