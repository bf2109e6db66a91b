package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.codec.EventJson;
import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.config.ConfigFiles;
import org.gluster.events.runtime.config.ConfigKey;

/**
 * {@code <workdir>/events/config.json}: this node's overrides of the shipped defaults, written
 * atomically (temporary file and rename); the daemon applies a change within a second.
 */
final class ConfigOverrides {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Layout layout;
    private final Path path;

    ConfigOverrides(Layout layout) {
        this.layout = layout;
        this.path = layout.workdir().resolve("events").resolve("config.json");
    }

    /** The overrides as written, names and raw values. */
    Map<String, Object> read() throws CommandFailure {
        if (!Files.exists(path)) return new LinkedHashMap<>();
        try {
            String text = Files.readString(path);
            if (text.isBlank()) return new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> overrides = JSON.readValue(text, LinkedHashMap.class);
            return overrides;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, path + " is unreadable: " + e.getMessage());
        }
    }

    /** Defaults and overrides together, as the daemon uses them. */
    Map<String, Object> effective() {
        return ConfigFiles.settings(layout.defaultsFile(), path).value();
    }

    void write(Map<String, Object> overrides) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling(".config.json.tmp");
        Files.writeString(temp, EventJson.toJson(overrides) + "\n");
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The key for a name, or exit 7 naming the known ones. */
    static ConfigKey key(String name) throws CommandFailure {
        return ConfigKey.byKey(name).orElseThrow(() -> new CommandFailure(ExitCode.INVALID_CONFIG_NAME,
                "Invalid Config Name: " + name + " (known: " + ConfigKey.names() + ")"));
    }
}
