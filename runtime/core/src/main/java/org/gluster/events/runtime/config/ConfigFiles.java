package org.gluster.events.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.EventPatterns;

/**
 * Reads the files of PROTOCOL §3: the defaults ({@code eventsconfig.json}), the overrides
 * ({@code events/config.json}) and {@code events/webhooks.json}, in both of its forms.
 * Problems are collected as warnings, never thrown: a bad file leaves the daemon running.
 */
public final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {
    }

    /** The result of reading: what is usable, and what was wrong. */
    public record Loaded<T>(T value, List<String> warnings, boolean readable) {
    }

    /** Defaults, then overrides; unknown names and invalid values are warned about and skipped. */
    public static Loaded<Map<String, Object>> settings(Path defaultsFile, Path overridesFile) {
        Map<String, Object> settings = ConfigKey.defaults();
        List<String> warnings = new ArrayList<>();
        boolean readable = true;
        for (Path file : new Path[] {defaultsFile, overridesFile}) {
            if (file == null || !Files.exists(file)) continue;
            Map<?, ?> values;
            try {
                values = readObject(file);
            } catch (IOException e) {
                warnings.add(file + " is unreadable, the settings in force are kept: " + message(e));
                readable = false;
                continue;
            }
            values.forEach((name, value) -> {
                var key = ConfigKey.byKey(String.valueOf(name));
                if (key.isEmpty()) {
                    warnings.add(file + ": unknown config name " + name + " ignored (known: " + ConfigKey.names() + ")");
                    return;
                }
                try {
                    settings.put(key.get().key(), key.get().parse(value));
                } catch (IllegalArgumentException e) {
                    warnings.add(file + ": " + e.getMessage() + "; keeping " + settings.get(key.get().key()));
                }
            });
        }
        return new Loaded<>(settings, warnings, readable);
    }

    /** {@code {"<url>": {"token": "", "secret": ""}}} or the old {@code {"<url>": "<token>"}}. */
    public static Loaded<Map<String, Webhook>> webhooks(Path file) {
        Map<String, Webhook> webhooks = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.exists(file)) return new Loaded<>(webhooks, warnings, true);
        Map<?, ?> entries;
        try {
            if (Files.size(file) == 0) {
                // Caught between a truncate and a write: not "no webhooks".
                warnings.add(file + " is empty; the webhooks in force are kept");
                return new Loaded<>(webhooks, warnings, false);
            }
            entries = readObject(file);
        } catch (IOException e) {
            // Only where the error is: the parser's message can quote a token or a secret.
            warnings.add(file + " is unreadable" + location(e) + "; the webhooks in force are kept");
            return new Loaded<>(webhooks, warnings, false);
        }
        entries.forEach((key, value) -> {
            String url = String.valueOf(key);
            try {
                Webhook.validateUrl(url);
            } catch (IllegalArgumentException e) {
                warnings.add(file + ": " + e.getMessage() + "; skipped");
                return;
            }
            if (value == null || value instanceof String) {
                webhooks.put(url, new Webhook(url, (String) value, ""));
            } else if (value instanceof Map<?, ?> auth) {
                webhooks.put(url, new Webhook(url, text(auth.get("token")), text(auth.get("secret")),
                        subscription(file, url, auth.get("events"), warnings)));
            } else {
                warnings.add(file + ": webhook " + url + " has neither a token string nor a {token, secret} object; skipped");
            }
        });
        return new Loaded<>(webhooks, warnings, true);
    }

    /**
     * The valid patterns of a webhook's {@code events} (a list, or one comma-separated string); an
     * invalid one is left out with a warning.
     */
    private static List<String> subscription(Path file, String url, Object events, List<String> warnings) {
        List<String> patterns = new ArrayList<>();
        if (events == null) return patterns;
        List<?> given = events instanceof List<?> list ? list : List.of(String.valueOf(events).split(","));
        for (Object pattern : given) {
            String text = String.valueOf(pattern).trim();
            if (text.isEmpty()) continue;
            try {
                EventPatterns.of(List.of(text));
                patterns.add(text);
            } catch (IllegalArgumentException e) {
                warnings.add(file + ": webhook " + url + ": " + e.getMessage() + "; that pattern is ignored");
            }
        }
        return patterns;
    }

    private static Map<?, ?> readObject(Path file) throws IOException {
        String text = Files.readString(file);
        if (text.isBlank()) return Map.of();
        Object parsed = JSON.readValue(text, Object.class);
        if (!(parsed instanceof Map<?, ?> map)) throw new IOException("not a JSON object");
        return map;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String location(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return " (not valid JSON at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return " (" + e.getClass().getSimpleName() + ")";
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}
