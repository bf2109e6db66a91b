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
 * {@code webhooks.json}, {@code apps.json} (the registered applications) and {@code plugins.json}
 * (the configuration of filter and plugin bundles, by Config Admin PID), with a version ({@code events/config-version}) that grows with each change
 * made through {@code gluster-eventsapi}. A node takes another node's copy only when its version is
 * newer, so a node that was down catches up, and an old copy never overwrites a new one.
 *
 * @param version  0 when never changed through the tools
 * @param config   the overrides of {@code config.json}, as written
 * @param webhooks {@code webhooks.json}, as written
 * @param apps     {@code apps.json}, as written: each application's salt and salted hash, never its secret
 * @param plugins  {@code plugins.json}, as written: {@code {"<pid>": {"<key>": value, ...}}}
 */
public record ClusterConfig(long version, Map<String, Object> config, Map<String, Object> webhooks, Map<String, Object> apps,
                            Map<String, Object> plugins) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_FILE = "config-version";
    private static final String APPS_FILE = "apps.json";
    public static final String PLUGINS_FILE = "plugins.json";

    /** This node's copy, from {@code <eventsDir>}. */
    public static ClusterConfig read(Path eventsDir) throws IOException {
        Path versionFile = eventsDir.resolve(VERSION_FILE);
        long version = Files.exists(versionFile) ? Long.parseLong(Files.readString(versionFile).trim()) : 0;
        return new ClusterConfig(version, object(eventsDir.resolve("config.json")), object(eventsDir.resolve("webhooks.json")),
                object(eventsDir.resolve(APPS_FILE)), object(eventsDir.resolve(PLUGINS_FILE)));
    }

    /** A version newer than this one and than the clock: the last change made anywhere wins. */
    public long nextVersion() {
        return Math.max(version + 1, System.currentTimeMillis());
    }

    public ClusterConfig withVersion(long newVersion) {
        return new ClusterConfig(newVersion, config, webhooks, apps, plugins);
    }

    /** Writes this copy to {@code <eventsDir>}, each file atomically, the version last. */
    public void write(Path eventsDir) throws IOException {
        Files.createDirectories(eventsDir);
        replace(eventsDir.resolve("config.json"), EventJson.toJson(config) + "\n", false);
        replace(eventsDir.resolve("webhooks.json"), EventJson.toJson(webhooks) + "\n", true);
        replace(eventsDir.resolve(APPS_FILE), EventJson.toJson(apps) + "\n", true);
        // A plugin's settings may hold a password (keys starting with a dot): the daemon's user only.
        replace(eventsDir.resolve(PLUGINS_FILE), EventJson.toJson(plugins) + "\n", true);
        replace(eventsDir.resolve(VERSION_FILE), version + "\n", false);
    }

    /** As the admin API sends it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("config", config);
        map.put("webhooks", webhooks);
        map.put("apps", apps);
        map.put("plugins", plugins);
        return map;
    }

    /** As the admin API receives it; a peer too old to know {@code apps} or {@code plugins} sends none, read as empty. */
    public static ClusterConfig fromMap(Map<?, ?> map) {
        return new ClusterConfig(((Number) map.get("version")).longValue(), stringKeys(map.get("config")), stringKeys(map.get("webhooks")),
                stringKeys(map.get("apps")), stringKeys(map.get("plugins")));
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
        return "ClusterConfig[version " + version + ", " + webhooks.size() + " webhook(s), " + apps.size() + " app(s), "
                + plugins.size() + " plugin config(s)]";
    }
}
