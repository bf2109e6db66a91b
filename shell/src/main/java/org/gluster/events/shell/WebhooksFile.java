package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gluster.events.api.codec.EventJson;
import org.gluster.events.runtime.config.ConfigFiles;
import org.gluster.events.runtime.config.Webhook;

/**
 * {@code <workdir>/events/webhooks.json}, read in either form and written in the current one,
 * atomically (temporary file and rename), as other tools expect. The daemon picks changes up
 * within a second.
 */
final class WebhooksFile {
    private final Path path;

    WebhooksFile(Path workdir) {
        this.path = workdir.resolve("events").resolve("webhooks.json");
    }

    Map<String, Webhook> read() throws CommandFailure {
        ConfigFiles.Loaded<Map<String, Webhook>> loaded = ConfigFiles.webhooks(path);
        if (!loaded.readable()) throw new CommandFailure(ExitCode.ERROR, String.join("; ", loaded.warnings()));
        return new LinkedHashMap<>(loaded.value());
    }

    void write(Map<String, Webhook> webhooks) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        webhooks.values().forEach(w -> json.put(w.url(), w.toJson()));
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling(".webhooks.json.tmp");
        // Tokens and secrets: readable by the daemon's user only, from the first byte on.
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, EventJson.toJson(json) + "\n");
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
