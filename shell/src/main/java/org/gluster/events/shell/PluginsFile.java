package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.codec.EventJson;
import org.gluster.events.runtime.config.ClusterConfig;

/**
 * {@code <workdir>/events/plugins.json}: the settings of filters and plugin bundles by Config Admin
 * PID, written atomically and readable by the daemon's user only (a plugin's password may be in it).
 */
final class PluginsFile {
    static final String KEY_GLOB_PID = "org.gluster.events.filter.keyglob";
    static final String DEDUPE_PID = "org.gluster.events.filter.dedupe";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;

    PluginsFile(Path workdir) {
        this.path = workdir.resolve("events").resolve(ClusterConfig.PLUGINS_FILE);
    }

    /** Every PID's settings; a PID's map may be changed and written back. */
    Map<String, Map<String, Object>> read() throws CommandFailure {
        Map<String, Map<String, Object>> plugins = new LinkedHashMap<>();
        try {
            if (!Files.exists(path) || Files.readString(path).isBlank()) return plugins;
            Map<?, ?> parsed = JSON.readValue(path.toFile(), Map.class);
            parsed.forEach((pid, settings) -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                if (settings instanceof Map<?, ?> map) map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                plugins.put(String.valueOf(pid), copy);
            });
            return plugins;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, path + " is unreadable (" + e.getClass().getSimpleName() + "); fix or remove it");
        }
    }

    void write(Map<String, Map<String, Object>> plugins) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling("." + path.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, EventJson.toJson(plugins) + "\n");
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
