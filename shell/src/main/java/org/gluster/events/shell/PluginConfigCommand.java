package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.runtime.config.PluginSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plugin-config", description = {
        "Show or change the settings of a plugin bundle (a sink, filter or source) on every node, by its configuration PID.",
        "The component gets them through Config Admin at once; they are kept in events/plugins.json, shared like webhooks.",
        "Without KEY=VALUE: show PID's settings (without PID: every plugin's). A key starting with '.' is private:",
        "never shown back (for a password). true/false and whole numbers are typed; lists are comma-separated text.",
        "Example: plugin-config org.example.glusterevents.jsonl path=/var/log/glusterfs/events.jsonl max.size.mb=50",
        "Exit 2 if nothing changed, 9 if some node did not take the change yet."})
final class PluginConfigCommand extends PluginSettingsCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "The plugin's configuration PID (its README says it).")
    String pid;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "Settings to set.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove a setting: the plugin's default applies again.")
    List<String> unset = new ArrayList<>();

    @Option(names = "--reset", description = "Remove every setting of PID.")
    boolean reset;

    @Override
    String change(Map<String, Map<String, Object>> plugins, Output output) throws CommandFailure {
        if (pid == null) {
            Map<String, Object> shown = new LinkedHashMap<>();
            plugins.forEach((name, settings) -> shown.put(name, PluginSettings.shown(settings)));
            StringBuilder text = new StringBuilder();
            shown.forEach((name, settings) -> text.append(name).append(' ').append(settings).append('\n'));
            output.result(shown.isEmpty() ? "No plugin settings" : text.toString().stripTrailing(), shown);
            return null;
        }
        String refusal = PluginSettings.refusal(pid);
        if (refusal != null) throw new CommandFailure(ExitCode.ERROR, refusal);
        Map<String, Object> settings = plugins.computeIfAbsent(pid, name -> new LinkedHashMap<>());
        if (assignments.isEmpty() && unset.isEmpty() && !reset) {
            Map<String, Object> shown = PluginSettings.shown(settings);
            plugins.remove(pid, settings);
            output.result(shown.isEmpty() ? pid + " has no settings: its defaults apply" : pid + " " + shown, shown);
            return null;
        }
        if (reset) settings.clear();
        unset.forEach(settings::remove);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) throw new CommandFailure(ExitCode.ERROR, "'" + assignment + "' is not KEY=VALUE");
            settings.put(assignment.substring(0, equals).trim(), typed(assignment.substring(equals + 1)));
        }
        return reset && assignments.isEmpty() ? pid + ": settings removed, its defaults apply"
                : pid + " " + PluginSettings.shown(settings);
    }

    private static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) return Boolean.valueOf(value);
        if (value.matches("-?\\d{1,18}")) return Long.valueOf(value);
        return value;
    }
}
