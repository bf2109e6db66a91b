package org.gluster.events.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stamp every event of the tool carries, and how it is read back from what the daemon delivers.
 * Sent as the attributes {@code <phase>=1;seq=<i>;sent=<µs>[;pad=x…]} of event code 79, where the
 * phase is {@code bench} (measured), {@code warmup} or {@code probe} (readiness) and {@code sent}
 * is this JVM's {@code System.nanoTime() / 1000}. Delivered as the daemon's JSON (a webhook body, a
 * WebSocket frame: {@code "message": {"bench": "1", "sent": "…", "seq": "12"}}), it is found by
 * scanning the bytes, without parsing the JSON.
 *
 * <p>An instance holds the last {@link #scan} result; one per receiving thread.
 */
final class Stamp {
    /** The event type the stamped events have: NOTIFY_UNKNOWN_OP. */
    static final int EVENT_CODE = 79;

    enum Phase {
        /** Measured. */
        BENCH,
        /** Sent first, waited for, not measured. */
        WARMUP,
        /** Sent until a daemon the tool started accepts one. */
        PROBE;

        final String key = name().toLowerCase(java.util.Locale.ROOT);
        private final byte[] quoted = ('"' + key + '"').getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] SEQ = "\"seq\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENT = "\"sent\"".getBytes(StandardCharsets.US_ASCII);

    Phase phase;
    int seq;
    long sentMicros;

    /** The attributes of event {@code seq} of {@code phase}, sent at {@code sentMicros}. */
    static Map<String, String> attributes(Phase phase, int seq, long sentMicros, int padding) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(phase.key, "1");
        attributes.put("seq", Integer.toString(seq));
        attributes.put("sent", Long.toString(sentMicros));
        if (padding > 0) attributes.put("pad", "x".repeat(padding));
        return attributes;
    }

    /** The PROTOCOL §1a datagram text: {@code <seconds> 79 <phase>=1;seq=<i>;sent=<µs>[;pad=x…]}. */
    static String text(Phase phase, int seq, long sentMicros, String pad) {
        return System.currentTimeMillis() / 1000 + " " + EVENT_CODE + " " + phase.key + "=1;seq=" + seq + ";sent=" + sentMicros + pad;
    }

    /** {@code ;pad=} and {@code padding} x, or nothing. */
    static String pad(int padding) {
        return padding > 0 ? ";pad=" + "x".repeat(padding) : "";
    }

    /**
     * Reads the stamp of the delivered JSON in {@code bytes[from, to)} into this instance; false
     * (and this instance unchanged) when the bytes hold no stamp of this tool.
     */
    boolean scan(byte[] bytes, int from, int to) {
        Phase found = null;
        for (Phase candidate : Phase.values()) {
            if (indexOf(bytes, from, to, candidate.quoted) >= 0) {
                found = candidate;
                break;
            }
        }
        if (found == null) return false;
        long seqValue = number(bytes, valueAt(bytes, from, to, SEQ), to);
        long sentValue = number(bytes, valueAt(bytes, from, to, SENT), to);
        if (seqValue < 0 || seqValue > Integer.MAX_VALUE || sentValue < 0) return false;
        phase = found;
        seq = (int) seqValue;
        sentMicros = sentValue;
        return true;
    }

    /** Where the value of {@code quotedKey} starts (after {@code :} and an opening quote), or -1. */
    private static int valueAt(byte[] bytes, int from, int to, byte[] quotedKey) {
        int at = indexOf(bytes, from, to, quotedKey);
        while (at >= 0) {
            int i = skipBlanks(bytes, at + quotedKey.length, to);
            if (i < to && bytes[i] == ':') {
                i = skipBlanks(bytes, i + 1, to);
                return i < to && bytes[i] == '"' ? i + 1 : i;
            }
            at = indexOf(bytes, at + 1, to, quotedKey); // the key's text as a value: look further
        }
        return -1;
    }

    /** The decimal number at {@code at}, or -1 when there is none. */
    private static long number(byte[] bytes, int at, int to) {
        if (at < 0 || at >= to || bytes[at] < '0' || bytes[at] > '9') return -1;
        long value = 0;
        for (int i = at; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            if (i - at >= 18) return -1;
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static int skipBlanks(byte[] bytes, int i, int to) {
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) i++;
        return i;
    }

    /** The first index of {@code pattern} in {@code bytes[from, to)}, or -1. */
    static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
        byte first = pattern[0];
        int last = to - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (bytes[i] != first) continue;
            for (int k = 1; k < pattern.length; k++) {
                if (bytes[i + k] != pattern[k]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
