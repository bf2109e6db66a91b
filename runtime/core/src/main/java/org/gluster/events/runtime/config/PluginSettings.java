package org.gluster.events.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.runtime.pipeline.EventLogSink;

/**
 * {@code events/plugins.json}: the settings of filter and plugin bundles, by Config Admin PID,
 * {@code {"<pid>": {"<key>": value, ...}}}, shared by every node like {@code webhooks.json}. The
 * daemon hands each to Config Admin, so a bundle's Declarative Services component gets it as its
 * configuration. Values are JSON strings, numbers, booleans or lists of strings; a key starting
 * with a dot is private to the component (a password, say) and never shown.
 */
public final class PluginSettings {
    /** Marks the Config Admin configurations made from this file, so those no longer in it are deleted. */
    public static final String MARKER = "glustereventsd.plugins";
    /** PIDs the daemon configures from {@code config.json} and {@code webhooks.json}: not settable here. */
    public static final Set<String> RESERVED = Set.of(EventsConfig.UDP_PID, EventsConfig.UNIX_SOCKET_PID, EventsConfig.HTTP_PID,
            EventsConfig.WEBHOOK_FACTORY_PID, EventLogSink.PID);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginSettings() {
    }

    /** Why {@code pid} cannot be configured here, or null when it can. */
    public static String refusal(String pid) {
        if (RESERVED.contains(pid)) return pid + " is configured by config-set and webhook-add, not plugin-config";
        if (!pid.matches("[A-Za-z0-9_.\\-]+")) return "'" + pid + "' is not a configuration PID (letters, digits, '.', '_', '-')";
        return null;
    }

    /** The file read into Config Admin properties, by PID; what is wrong in it goes to the warnings. */
    static ConfigFiles.Loaded<Map<String, Hashtable<String, Object>>> read(Path file) {
        Map<String, Hashtable<String, Object>> byPid = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.exists(file)) return new ConfigFiles.Loaded<>(byPid, warnings, true);
        Object parsed;
        try {
            String text = Files.readString(file);
            if (text.isBlank()) return new ConfigFiles.Loaded<>(byPid, warnings, true);
            parsed = JSON.readValue(text, Object.class);
        } catch (IOException e) {
            // Not the parser's message: it may quote a private value.
            warnings.add(file + " is unreadable (" + e.getClass().getSimpleName() + "); the plugin settings in force are kept");
            return new ConfigFiles.Loaded<>(byPid, warnings, false);
        }
        if (!(parsed instanceof Map<?, ?> pids)) {
            warnings.add(file + " is not a JSON object; the plugin settings in force are kept");
            return new ConfigFiles.Loaded<>(byPid, warnings, false);
        }
        pids.forEach((pid, settings) -> {
            String refusal = refusal(String.valueOf(pid));
            if (refusal != null) {
                warnings.add(file + ": " + refusal + "; skipped");
            } else if (!(settings instanceof Map<?, ?> keys)) {
                warnings.add(file + ": " + pid + " is not an object of settings; skipped");
            } else {
                Hashtable<String, Object> properties = new Hashtable<>();
                keys.forEach((key, value) -> {
                    Object converted = configValue(value);
                    if (converted == null) warnings.add(file + ": " + pid + " " + key + " is not a string, number, boolean or list; skipped");
                    else properties.put(String.valueOf(key), converted);
                });
                properties.put(MARKER, true);
                byPid.put(String.valueOf(pid), properties);
            }
        });
        return new ConfigFiles.Loaded<>(byPid, warnings, true);
    }

    /** A JSON value as Config Admin takes it: lists become String arrays; null when it has no such form. */
    private static Object configValue(Object value) {
        if (value instanceof String || value instanceof Boolean) return value;
        if (value instanceof Integer || value instanceof Long) return ((Number) value).longValue();
        if (value instanceof Number number) return number.doubleValue();
        if (value instanceof List<?> list) return list.stream().map(String::valueOf).toArray(String[]::new);
        return null;
    }

    /** The settings as {@code plugin-config} shows them: private keys masked. */
    public static Map<String, Object> shown(Map<?, ?> settings) {
        Map<String, Object> shown = new LinkedHashMap<>();
        settings.forEach((key, value) -> shown.put(String.valueOf(key), String.valueOf(key).startsWith(".") ? "********" : value));
        return shown;
    }
}
