package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret every node of a cluster shares, {@code <workdir>/events/cluster.secret} (mode 0600):
 * node-to-node and admin calls carry tokens signed with it. The first daemon of a cluster creates
 * it; every other node gets a copy of that file (as with Gluster's own secure-access files).
 */
public final class ClusterSecret {
    public static final String FILE_NAME = "cluster.secret";
    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key;
    }

    /** The secret of this workdir, created (32 random bytes) when there is none yet. */
    public static ClusterSecret loadOrCreate(Path eventsDir) throws IOException {
        Path file = eventsDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(eventsDir);
            Path temp = eventsDir.resolve("." + FILE_NAME + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE); // never over one another process made
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                if (!Files.exists(file)) throw e;
            }
        }
        return load(file);
    }

    /** The secret in {@code file}; fails when it is missing or empty. */
    public static ClusterSecret load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (text.isEmpty()) throw new IOException(file + " is empty");
        return new ClusterSecret(text.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
