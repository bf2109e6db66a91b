package org.gluster.events.sink.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Where a client is in the cluster's stream, as the {@code id} of each frame carries it: for every
 * origin node, the newest event of that node the client has been sent. Each node relays its own
 * events in its order, so every node receives one origin's events in the same order — while the
 * order between origins differs from node to node. That is why one event id cannot say where a
 * client is, and this position can: any node sends exactly the events newer than it, per origin,
 * with no gap and no duplicate.
 *
 * <p>Text form: base64url (no padding) of 24 bytes per origin, sorted: the first 8 bytes of the
 * SHA-256 of the origin's node id, then the 16 bytes of that origin's event id (a UUID version 7,
 * whose order is the order the origin received its events in).
 */
final class ResumePosition {
    private static final int ENTRY_BYTES = 24;
    /** Origin key, then id as {most, least} significant bits; compared unsigned. */
    private final TreeMap<Long, long[]> newest;

    ResumePosition() {
        this(new TreeMap<>());
    }

    private ResumePosition(TreeMap<Long, long[]> newest) {
        this.newest = newest;
    }

    static long originKey(String nodeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nodeId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The bits of an event id; an id that is no UUID (none of ours) sorts first. */
    static long[] idBits(String eventId) {
        try {
            UUID uuid = UUID.fromString(eventId);
            return new long[] {uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()};
        } catch (IllegalArgumentException | NullPointerException e) {
            return new long[] {0, 0};
        }
    }

    /** The smallest id of a UUID version 7 made at {@code millis}: anything received later is newer. */
    static long[] idAt(long millis) {
        return new long[] {(millis << 16) | 0x7000L, 0x8000000000000000L};
    }

    static int compare(long[] a, long[] b) {
        int high = Long.compareUnsigned(a[0], b[0]);
        return high != 0 ? high : Long.compareUnsigned(a[1], b[1]);
    }

    /** When the id was made, for a UUID version 7. */
    static long millisOf(long[] id) {
        return id[0] >>> 16;
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a position this service wrote
     */
    static ResumePosition parse(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an event id of /v1/events (not base64url)");
        }
        if (bytes.length == 0 || bytes.length % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("not an event id of /v1/events (wrong length)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        TreeMap<Long, long[]> newest = new TreeMap<>();
        while (buffer.hasRemaining()) newest.put(buffer.getLong(), new long[] {buffer.getLong(), buffer.getLong()});
        return new ResumePosition(newest);
    }

    /** The newest id seen from {@code origin}, or null. */
    long[] newest(long origin) {
        return newest.get(origin);
    }

    Map<Long, long[]> entries() {
        return newest;
    }

    /** Records {@code id} from {@code origin}; false (and nothing changes) when it is not newer than what was seen. */
    boolean advance(long origin, long[] id) {
        long[] seen = newest.get(origin);
        if (seen != null && compare(id, seen) <= 0) return false;
        newest.put(origin, id);
        return true;
    }

    /** Whether an event {@code id} from {@code origin} is at or before this position. */
    boolean covers(long origin, long[] id) {
        long[] seen = newest.get(origin);
        return seen != null && compare(id, seen) <= 0;
    }

    /** Whether this position is at or past {@code other} for every origin of {@code other}. */
    boolean dominates(ResumePosition other) {
        for (Map.Entry<Long, long[]> entry : other.newest.entrySet()) {
            if (!covers(entry.getKey(), entry.getValue())) return false;
        }
        return true;
    }

    /** Per origin, the newer of the two. */
    ResumePosition max(ResumePosition other) {
        ResumePosition merged = copy();
        other.newest.forEach(merged::advance);
        return merged;
    }

    ResumePosition copy() {
        TreeMap<Long, long[]> copy = new TreeMap<>();
        newest.forEach((origin, id) -> copy.put(origin, id.clone()));
        return new ResumePosition(copy);
    }

    @Override
    public String toString() {
        ByteBuffer buffer = ByteBuffer.allocate(newest.size() * ENTRY_BYTES);
        newest.forEach((origin, id) -> buffer.putLong(origin).putLong(id[0]).putLong(id[1]));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }
}
