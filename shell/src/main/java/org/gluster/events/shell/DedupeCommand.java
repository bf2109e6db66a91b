package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "dedupe", description = {
        "Fold storms of identical events (same node, name and message) on every node.",
        "Within a window only the first is delivered; the next one after the window carries",
        "\"folded\": N, how many were left out since. Off by default.",
        "Without a sub-command: show the settings."},
        subcommands = {DedupeCommand.On.class, DedupeCommand.Off.class, DedupeCommand.Window.class})
final class DedupeCommand implements Callable<Integer> {
    /** Windows as the dedupe filter reads them. */
    private static final String WINDOW = "(\\d+(\\.\\d+)?(ms|s|m|min|h)?|off)";

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            Map<String, Object> dedupe = new PluginsFile(common.layout().workdir()).read().getOrDefault(PluginsFile.DEDUPE_PID, Map.of());
            output.result("Dedupe: " + describe(dedupe), dedupe);
            return ExitCode.OK;
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }

    static String describe(Map<String, Object> dedupe) {
        if (!Boolean.TRUE.equals(dedupe.get("enabled"))) return "off";
        StringBuilder text = new StringBuilder("on, window ").append(dedupe.getOrDefault("window", "10s"));
        List<String> windows = windows(dedupe);
        if (!windows.isEmpty()) text.append("; own windows: ").append(String.join(", ", windows));
        return text.toString();
    }

    private static List<String> windows(Map<String, Object> dedupe) {
        List<String> windows = new ArrayList<>();
        if (dedupe.get("windows") instanceof List<?> list) list.forEach(entry -> windows.add(String.valueOf(entry)));
        return windows;
    }

    private static String window(String given) throws CommandFailure {
        String window = given.trim().toLowerCase(java.util.Locale.ROOT);
        if (!window.matches(WINDOW)) throw new CommandFailure(ExitCode.ERROR, "'" + given + "' is not a window such as 10s, 500ms, 2m, 1h or off");
        return window;
    }

    private static Map<String, Object> settings(Map<String, Map<String, Object>> plugins) {
        return plugins.computeIfAbsent(PluginsFile.DEDUPE_PID, pid -> new java.util.LinkedHashMap<>());
    }

    @Command(name = "on", description = {"Turn dedupe on, with WINDOW as the default window (10s unless given).",
            "Exit 2 if it was on with that window already."})
    static final class On extends PluginSettingsCommand {
        @Parameters(arity = "0..1", paramLabel = "WINDOW", description = "10s, 500ms, 2m, 1h.")
        String window;

        @Override
        String change(Map<String, Map<String, Object>> plugins, Output output) throws CommandFailure {
            Map<String, Object> settings = settings(plugins);
            settings.put("enabled", true);
            if (window != null) settings.put("window", window(window));
            return "Dedupe: " + describe(settings);
        }
    }

    @Command(name = "off", description = {"Turn dedupe off: every event is delivered. Own windows are kept for the next 'on'.",
            "Exit 2 if it was off."})
    static final class Off extends PluginSettingsCommand {
        @Override
        String change(Map<String, Map<String, Object>> plugins, Output output) {
            Map<String, Object> settings = settings(plugins);
            if (!Boolean.TRUE.equals(settings.get("enabled"))) return "Dedupe is off already";
            settings.put("enabled", false);
            return "Dedupe: off";
        }
    }

    @Command(name = "window", description = {"Give the events matching PATTERN a window of their own:",
            "dedupe window Brick.Disconnected 60s. 'off' never folds them, 'default' removes the",
            "pattern's own window. Exit 2 if it had that window already."})
    static final class Window extends PluginSettingsCommand {
        @Parameters(index = "0", paramLabel = "PATTERN", description = "An event glob in either name form.")
        String pattern;

        @Parameters(index = "1", paramLabel = "WINDOW", description = "10s, 500ms, 2m, 1h, off, or default.")
        String window;

        @Override
        String change(Map<String, Map<String, Object>> plugins, Output output) throws CommandFailure {
            String checked = DisabledEvents.patterns(List.of(pattern)).get(0);
            Map<String, Object> settings = settings(plugins);
            List<String> windows = new ArrayList<>();
            for (String entry : windows(settings)) {
                String own = entry.substring(0, Math.max(0, entry.indexOf('=')));
                if (!DisabledEvents.canonical(own).equals(DisabledEvents.canonical(checked))) windows.add(entry);
            }
            boolean reset = window.equalsIgnoreCase("default");
            if (!reset) windows.add(checked + "=" + window(window));
            if (windows.isEmpty()) settings.remove("windows");
            else settings.put("windows", windows);
            return reset ? checked + " uses the default window" : checked + " folds within " + window(window);
        }
    }
}
