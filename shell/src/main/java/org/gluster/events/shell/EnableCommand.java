package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable", description = {
        "Deliver again the events a 'disable PATTERN' stopped, on every node; PATTERN as it was disabled ('filters' lists them).",
        "Exit 2 if no PATTERN was disabled, 9 if some node did not take the change yet."})
final class EnableCommand extends PluginSettingsCommand {
    @Parameters(arity = "0..*", paramLabel = "PATTERN", description = "Disabled patterns to remove.")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--all", description = "Enable every event again.")
    boolean all;

    @Override
    String change(Map<String, Map<String, Object>> plugins, Output output) throws CommandFailure {
        if (patterns.isEmpty() && !all) throw new CommandFailure(ExitCode.ERROR, "Give the PATTERN(s) to enable, or --all");
        List<String> disabled = DisabledEvents.of(plugins);
        if (disabled.isEmpty()) return "No events are disabled";
        List<String> kept = new ArrayList<>();
        for (String pattern : disabled) {
            if (!all && !DisabledEvents.contains(patterns, pattern)) kept.add(pattern);
        }
        if (kept.size() == disabled.size()) {
            return "Not disabled: " + String.join(", ", patterns) + " (disabled: " + String.join(", ", disabled) + ")";
        }
        List<String> enabled = new ArrayList<>(disabled);
        enabled.removeAll(kept);
        DisabledEvents.set(plugins, kept);
        return "Enabled: " + String.join(", ", enabled);
    }
}
