package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications of {@code apps.json} as they are now, for a check on every request: the file is
 * read again only when it changed (its modification time, size or inode: an atomic rename always
 * gives a new inode), so {@code gluster-rest app-add}/{@code app-del}, here or synced from a peer,
 * takes effect at the next request, with no reload and one {@code stat} per request otherwise.
 * A file that cannot be read keeps the applications in force (and is logged once, never quoted);
 * no file means no applications.
 */
final class RegisteredApps {
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredApps.class);
    private final Path eventsDir;
    private final Path file;
    private Object seen = "never read";
    private volatile Map<String, App> apps = Map.of();

    RegisteredApps(Path eventsDir) {
        this.eventsDir = eventsDir;
        this.file = AppsFile.path(eventsDir);
    }

    /** The registered applications by name, read again first if the file changed. */
    Map<String, App> current() {
        Object state = state();
        synchronized (this) {
            if (!Objects.equals(state, seen)) {
                seen = state;
                reload(state);
            }
        }
        return apps;
    }

    private void reload(Object state) {
        if (state == null) {
            if (!apps.isEmpty()) LOG.info("{} is gone: no application is registered now", file);
            apps = Map.of();
            return;
        }
        try {
            Map<String, App> read = Map.copyOf(AppsFile.read(eventsDir));
            if (!read.keySet().equals(apps.keySet())) LOG.info("Registered applications: {}", read.isEmpty() ? "none" : read.keySet());
            apps = read;
        } catch (IOException e) {
            // AppsFile's messages say where the file is broken, never what it holds.
            LOG.warn("The registered applications are unchanged ({} kept): {}", apps.size(), e.getMessage());
        }
    }

    /** What tells one version of the file from another; null when there is none. */
    private Object state() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }
}
