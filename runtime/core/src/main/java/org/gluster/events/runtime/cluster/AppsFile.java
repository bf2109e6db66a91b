package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.codec.EventJson;

/**
 * {@code <workdir>/events/apps.json}, the registered applications:
 * {@code {"NAME": {"salt": "<b64>", "hash": "<b64>", "created": "<ISO-8601>"}}}. Written whole and
 * atomically (temporary file, rename) with mode 0600, as the other config files, so a reader sees
 * the old file or the new one; it is cluster config, versioned and synced with {@code webhooks.json}.
 * Its errors never quote the file, only where it is broken.
 */
public final class AppsFile {
    public static final String FILE_NAME = "apps.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppsFile() {
    }

    /** {@code <eventsDir>/apps.json}. */
    public static Path path(Path eventsDir) {
        return eventsDir.resolve(FILE_NAME);
    }

    /** The applications registered in {@code eventsDir}; none when there is no file. */
    public static Map<String, App> read(Path eventsDir) throws IOException {
        Path file = path(eventsDir);
        Map<String, App> apps = new LinkedHashMap<>();
        if (!Files.exists(file)) return apps;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) throw new IOException(file + " is empty (a file with no applications holds {})");
        Object parsed;
        try {
            parsed = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IOException(file + " is not valid JSON" + where);
        }
        if (!(parsed instanceof Map<?, ?> entries)) throw new IOException(file + " is not a JSON object");
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = String.valueOf(entry.getKey());
            try {
                apps.put(name, App.fromJson(name, entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
        }
        return apps;
    }

    /** Replaces {@code apps.json} with {@code apps}, atomically, mode 0600 from the first byte. */
    public static void write(Path eventsDir, Map<String, App> apps) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        apps.values().forEach(app -> json.put(app.name(), app.toJson()));
        Files.createDirectories(eventsDir);
        Path file = path(eventsDir);
        Path temp = eventsDir.resolve("." + FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, EventJson.toJson(json) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
