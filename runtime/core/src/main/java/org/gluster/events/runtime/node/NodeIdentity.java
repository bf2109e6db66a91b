package org.gluster.events.runtime.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The node id: {@code UUID=} from {@code <workdir>/glusterd.info} on a Gluster node (the id glusterd
 * itself uses); otherwise generated once and kept in {@code <workdir>/events/node-id}.
 */
public final class NodeIdentity {
    private NodeIdentity() {
    }

    public static String resolve(Path workdir) throws IOException {
        Optional<String> fromGlusterd = readGlusterdInfo(workdir.resolve("glusterd.info"));
        if (fromGlusterd.isPresent()) return fromGlusterd.get();
        Path kept = workdir.resolve("events").resolve("node-id");
        if (Files.exists(kept)) {
            String id = Files.readString(kept, StandardCharsets.UTF_8).trim();
            if (isUuid(id)) return id;
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(kept.getParent());
        Path temp = kept.resolveSibling("node-id.tmp");
        Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
        Files.move(temp, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    static Optional<String> readGlusterdInfo(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return Optional.empty();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.stream()
                .map(String::trim)
                .filter(line -> line.startsWith("UUID="))
                .map(line -> line.substring("UUID=".length()).trim())
                .filter(NodeIdentity::isUuid)
                .findFirst();
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
