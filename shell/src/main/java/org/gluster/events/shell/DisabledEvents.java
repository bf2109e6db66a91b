package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gluster.events.api.EventPatterns;

/** The key-glob filter's {@code disabled} list in plugins.json. */
final class DisabledEvents {
    private DisabledEvents() {
    }

    static List<String> of(Map<String, Map<String, Object>> plugins) {
        List<String> disabled = new ArrayList<>();
        Object list = plugins.getOrDefault(PluginsFile.KEY_GLOB_PID, Map.of()).get("disabled");
        if (list instanceof List<?> entries) entries.forEach(entry -> disabled.add(String.valueOf(entry)));
        return disabled;
    }

    static void set(Map<String, Map<String, Object>> plugins, List<String> disabled) {
        Map<String, Object> settings = plugins.computeIfAbsent(PluginsFile.KEY_GLOB_PID, pid -> new java.util.LinkedHashMap<>());
        if (disabled.isEmpty()) settings.remove("disabled");
        else settings.put("disabled", disabled);
    }

    /** The given patterns, checked; {@code Volume.Create} and {@code VOLUME_CREATE} are the same pattern. */
    static List<String> patterns(List<String> given) throws CommandFailure {
        try {
            return EventPatterns.of(given).patterns();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.ERROR, e.getMessage());
        }
    }

    static String canonical(String pattern) {
        String upper = pattern.toUpperCase(Locale.ROOT).replace('.', '_');
        return upper.startsWith("EVENT_") ? upper.substring("EVENT_".length()) : upper;
    }

    static boolean contains(List<String> patterns, String pattern) {
        return patterns.stream().anyMatch(p -> canonical(p).equals(canonical(pattern)));
    }
}
