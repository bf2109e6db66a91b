package org.gluster.events.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
    @TempDir
    Path events;

    private static final Map<String, Object> APPS =
            Map.of("myapp", Map.of("salt", "c2FsdHNhbHRzYWx0c2FsdA==", "hash", "aGFzaA==", "created", "2026-11-23T10:00:00Z"));

    @Test
    void theAppsAndPluginSettingsTravelWithTheConfigAndTheWebhooks() throws Exception {
        ClusterConfig config = new ClusterConfig(7, Map.of("log-level", "DEBUG"),
                Map.of("http://192.0.2.1/listen", Map.of("token", "T0KEN", "secret", "")), APPS,
                Map.of("org.gluster.events.filter.keyglob", Map.of("disabled", java.util.List.of("Volume.*"))));
        config.write(events);
        assertEquals(config, ClusterConfig.read(events));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(events.resolve("apps.json"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(events.resolve("plugins.json"))));
        assertEquals(config, ClusterConfig.fromMap(config.toMap()), "as the admin API sends and takes it");
        assertFalse(config.toString().contains("aGFzaA=="), config.toString());
        assertFalse(config.toString().contains("T0KEN"), config.toString());
        assertEquals("ClusterConfig[version 7, 1 webhook(s), 1 app(s), 1 plugin config(s)]", config.toString());
    }

    @Test
    void aNodeWithoutAppsOrAPeerThatSendsNoneHasNoAppsAndNoPluginSettings() throws Exception {
        assertEquals(Map.of(), ClusterConfig.read(events).apps());
        assertEquals(Map.of(), ClusterConfig.read(events).plugins());
        ClusterConfig old = ClusterConfig.fromMap(Map.of("version", 3, "config", Map.of(), "webhooks", Map.of()));
        assertEquals(new ClusterConfig(3, Map.of(), Map.of(), Map.of(), Map.of()), old);
    }
}
