package org.gluster.events.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.api.codec.EventJson;

/**
 * The events configuration every node of a cluster shares: {@code config.json},
 * {@code webhooks.json} and {@code apps.json} (the registered applications), with a version ({@code events/config-version}) that grows with each change
 * made through {@code gluster-eventsapi}. A node takes another node's copy only when its version is
 * newer, so a node that was down catches up, and an old copy never overwrites a new one.
 *
 * @param version  0 when never changed through the tools
 * @param config   the overrides of {@code config.json}, as written
 * @param webhooks {@code webhooks.json}, as written
 * @param apps     {@code apps.json}, as written: each application's salt and salted hash, never its secret
 */
public record ClusterConfig(long version, Map<String, Object> config, Map<String, Object> webhooks, Map<String, Object> apps) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_FILE = "config-version";
    private static final String APPS_FILE = "apps.json";

    /** This node's copy, from {@code <eventsDir>}. */
    public static ClusterConfig read(Path eventsDir) throws IOException {
        Path versionFile = eventsDir.resolve(VERSION_FILE);
        long version = Files.exists(versionFile) ? Long.parseLong(Files.readString(versionFile).trim()) : 0;
        return new ClusterConfig(version, object(eventsDir.resolve("config.json")), object(eventsDir.resolve("webhooks.json")),
                object(eventsDir.resolve(APPS_FILE)));
    }

    /** A version newer than this one and than the clock: the last change made anywhere wins. */
    public long nextVersion() {
        return Math.max(version + 1, System.currentTimeMillis());
    }

    public ClusterConfig withVersion(long newVersion) {
        return new ClusterConfig(newVersion, config, webhooks, apps);
    }

    /** Writes this copy to {@code <eventsDir>}, each file atomically, the version last. */
    public void write(Path eventsDir) throws IOException {
        Files.createDirectories(eventsDir);
        replace(eventsDir.resolve("config.json"), EventJson.toJson(config) + "\n", false);
        replace(eventsDir.resolve("webhooks.json"), EventJson.toJson(webhooks) + "\n", true);
        replace(eventsDir.resolve(APPS_FILE), EventJson.toJson(apps) + "\n", true);
        replace(eventsDir.resolve(VERSION_FILE), version + "\n", false);
    }

    /** As the admin API sends it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("config", config);
        map.put("webhooks", webhooks);
        map.put("apps", apps);
        return map;
    }

    /** As the admin API receives it; a peer too old to know {@code apps} sends none, read as no apps. */
    public static ClusterConfig fromMap(Map<?, ?> map) {
        return new ClusterConfig(((Number) map.get("version")).longValue(), stringKeys(map.get("config")), stringKeys(map.get("webhooks")),
                stringKeys(map.get("apps")));
    }

    private static Map<String, Object> object(Path file) throws IOException {
        if (!Files.exists(file)) return new LinkedHashMap<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.isBlank() ? new LinkedHashMap<>() : stringKeys(JSON.readValue(text, Map.class));
    }

    private static Map<String, Object> stringKeys(Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> entries) entries.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    private static void replace(Path file, String text, boolean secret) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        // never the webhooks' tokens, nor the apps' salts and hashes
        return "ClusterConfig[version " + version + ", " + webhooks.size() + " webhook(s), " + apps.size() + " app(s)]";
    }
}
