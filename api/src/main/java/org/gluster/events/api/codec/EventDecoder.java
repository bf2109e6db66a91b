package org.gluster.events.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;

/**
 * Decodes what producers send, in every form glustereventsd accepts:
 * <ul>
 * <li>UDP text (PROTOCOL §1a): {@code <unix-seconds> <type-code> k1=v1;k2=v2};</li>
 * <li>the seed's dotted text (PROTOCOL §1b): {@code Volume.Set=gv1,changelog.changelog,on};</li>
 * <li>JSON, one object: {@code {"event": "VOLUME_CREATE", "ts": 1795462277, "message": {"name": "gv1"}}}.</li>
 * </ul>
 * The result carries the raw attribute strings; {@link AttributeConversions} types them.
 * Thread-safe and allocation-light: it runs on the sources' receive loops.
 */
public final class EventDecoder {
    /** The largest event accepted, in bytes: above any UDP datagram, far above any real event. */
    public static final int MAX_EVENT_BYTES = 65_536;

    private EventDecoder() {
    }

    /** Decodes one datagram's bytes, detecting the form. */
    public static Event decode(byte[] data, int offset, int length, long nowSeconds) throws MalformedEventException {
        if (length > MAX_EVENT_BYTES) {
            throw new MalformedEventException("oversize", length + " bytes, more than " + MAX_EVENT_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("not-utf8", "not valid UTF-8 (" + length + " bytes)");
        }
        return decode(text, nowSeconds);
    }

    /** Decodes one event's text, detecting the form. */
    public static Event decode(String text, long nowSeconds) throws MalformedEventException {
        String trimmed = strip(text);
        if (trimmed.isEmpty()) throw new MalformedEventException("empty", "empty event");
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw new MalformedEventException("bad-format", "control character 0x" + Integer.toHexString(c)
                        + " in " + abbreviate(trimmed));
            }
        }
        char first = trimmed.charAt(0);
        if (first == '{') return JsonEventDecoder.decode(trimmed, nowSeconds);
        if (first >= '0' && first <= '9') return decodeUdpText(trimmed);
        return decodeDotted(trimmed, nowSeconds);
    }

    /** PROTOCOL §1a: three fields split on the first two spaces; pairs on {@code ;}, each on its first {@code =}. */
    public static Event decodeUdpText(String text) throws MalformedEventException {
        String trimmed = strip(text);
        int firstSpace = trimmed.indexOf(' ');
        if (firstSpace < 0) throw new MalformedEventException("bad-format", "expected '<ts> <code> k=v;..': " + abbreviate(trimmed));
        int secondSpace = trimmed.indexOf(' ', firstSpace + 1);
        String tsText = trimmed.substring(0, firstSpace);
        String codeText = secondSpace < 0 ? trimmed.substring(firstSpace + 1) : trimmed.substring(firstSpace + 1, secondSpace);
        String pairs = secondSpace < 0 ? "" : trimmed.substring(secondSpace + 1);
        long ts = parseTimestamp(tsText);
        int code;
        try {
            code = Integer.parseInt(codeText);
        } catch (NumberFormatException e) {
            throw new MalformedEventException("bad-format", "type code is not a number: " + abbreviate(codeText));
        }
        EventType type = EventTypes.byCode(code)
                .orElseThrow(() -> new MalformedEventException("unknown-type", "unknown event type code " + code));
        return Event.of(ts, type.eventName(), parsePairs(pairs));
    }

    /**
     * The seed's form {@code <Dotted.Key>=<values>}. Values that are {@code k=v;..} pairs are read as in
     * the UDP form; otherwise they are positional and comma-separated: the first is {@code name}, and
     * the rest are {@code options} pairs for VOLUME_SET/VOLUME_RESET or an {@code args} list otherwise.
     */
    public static Event decodeDotted(String text, long nowSeconds) throws MalformedEventException {
        String trimmed = strip(text);
        int eq = trimmed.indexOf('=');
        String key = eq < 0 ? trimmed : trimmed.substring(0, eq);
        String values = eq < 0 ? "" : trimmed.substring(eq + 1);
        if (key.isEmpty() || key.indexOf(' ') >= 0) {
            throw new MalformedEventException("bad-format", "expected 'Dotted.Key=values': " + abbreviate(trimmed));
        }
        EventType type = EventTypes.byName(key)
                .orElseThrow(() -> new MalformedEventException("unknown-type", "unknown event type " + abbreviate(key)));
        Map<String, Object> message;
        if (values.indexOf('=') >= 0) {
            message = parsePairs(values);
        } else {
            message = new LinkedHashMap<>();
            List<String> parts = splitKeepingEmpty(values, ',');
            if (!values.isEmpty()) message.put("name", parts.get(0));
            if (parts.size() > 1) {
                List<String> rest = parts.subList(1, parts.size());
                String name = type.eventName();
                if (name.equals("VOLUME_SET") || name.equals("VOLUME_RESET")) {
                    message.put("options", String.join(",", rest));
                } else {
                    message.put("args", new ArrayList<Object>(rest));
                }
            }
        }
        return Event.of(nowSeconds, type.eventName(), message);
    }

    /** {@code k1=v1;k2=v2}: empty segments are skipped, a segment without {@code =} is a key with an empty value. */
    static Map<String, Object> parsePairs(String pairs) {
        Map<String, Object> message = new LinkedHashMap<>();
        int start = 0;
        while (start <= pairs.length()) {
            int end = pairs.indexOf(';', start);
            if (end < 0) end = pairs.length();
            if (end > start) {
                String pair = pairs.substring(start, end);
                int eq = pair.indexOf('=');
                if (eq < 0) message.put(pair.strip(), "");
                else message.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
            }
            start = end + 1;
        }
        message.remove("");
        return message;
    }

    private static long parseTimestamp(String text) throws MalformedEventException {
        try {
            int dot = text.indexOf('.');
            return Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("bad-format", "timestamp is not a number: " + abbreviate(text));
        }
    }

    private static List<String> splitKeepingEmpty(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** Whitespace and the NUL terminators some C producers send. */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPadding(text.charAt(start))) start++;
        while (end > start && isPadding(text.charAt(end - 1))) end--;
        return text.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == '\0' || Character.isWhitespace(c);
    }

    static String abbreviate(String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return '"' + shown + '"';
    }
}
