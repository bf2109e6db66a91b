package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "disable", description = {
        "Stop delivering events whose name matches PATTERN, on every node, to every webhook, WebSocket client and plugin.",
        "PATTERN is a glob in either name form: Volume.*, VOLUME_*, Georep.State.*, PEER_ATTACH.",
        "Events already received and not yet delivered are held back too. 'enable' undoes it; 'filters' lists what is disabled.",
        "Exit 2 if every PATTERN was disabled already, 9 if some node did not take the change yet."})
final class DisableCommand extends PluginSettingsCommand {
    @Parameters(arity = "1..*", paramLabel = "PATTERN", description = "Event globs to disable.")
    List<String> patterns;

    @Override
    String change(Map<String, Map<String, Object>> plugins, Output output) throws CommandFailure {
        List<String> disabled = DisabledEvents.of(plugins);
        List<String> added = new ArrayList<>();
        for (String pattern : DisabledEvents.patterns(patterns)) {
            if (!DisabledEvents.contains(disabled, pattern) && !DisabledEvents.contains(added, pattern)) added.add(pattern);
        }
        if (added.isEmpty()) return "Already disabled: " + String.join(", ", patterns);
        disabled.addAll(added);
        DisabledEvents.set(plugins, disabled);
        return "Disabled: " + String.join(", ", added);
    }
}
