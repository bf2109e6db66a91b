package org.gluster.events.runtime.bundles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code <workdir>/events/stopped-bundles}: the symbolic names of the bundles an administrator
 * stopped ({@code gluster-eventsapi bundle stop}), one a line. FileInstall starts every bundle of
 * the hot-deploy folder when the daemon starts; the runtime stops these again, so that a stop lasts
 * until {@code bundle start}. Written atomically; a line starting with {@code #} is a comment.
 */
public final class StoppedBundles {
    public static final String FILE_NAME = "stopped-bundles";
    private final Path file;
    private final Set<String> names = new TreeSet<>();

    public StoppedBundles(Path eventsDir) throws IOException {
        this.file = eventsDir.resolve(FILE_NAME);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
            }
        } catch (NoSuchFileException e) {
            // nothing stopped
        }
    }

    public synchronized boolean contains(String symbolicName) {
        return symbolicName != null && names.contains(symbolicName);
    }

    public synchronized Set<String> names() {
        return Set.copyOf(names);
    }

    public synchronized void add(String symbolicName) throws IOException {
        if (names.add(symbolicName)) write();
    }

    public synchronized void remove(String symbolicName) throws IOException {
        if (names.remove(symbolicName)) write();
    }

    /** Keeps only the names in {@code installed}: a bundle removed while the daemon was down is forgotten. */
    public synchronized void retainAll(Collection<String> installed) throws IOException {
        if (names.retainAll(installed)) write();
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder("# Bundles stopped with 'gluster-eventsapi bundle stop'; "
                + "'bundle start NAME' removes a line.\n");
        for (String name : names) text.append(name).append('\n');
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
