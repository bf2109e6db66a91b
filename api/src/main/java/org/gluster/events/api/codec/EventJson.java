package org.gluster.events.api.codec;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.gluster.events.api.Event;

/**
 * The JSON consumers receive (PROTOCOL §2a), byte for byte as the existing Python daemon writes it
 * with {@code json.dumps(..., sort_keys=True)}: keys sorted at every level, {@code ", "} and
 * {@code ": "} separators, every non-ASCII character escaped as {@code \\uXXXX}.
 */
public final class EventJson {
    private EventJson() {
    }

    /** {@code {"event": ..., "message": {...}, "nodeid": ..., "ts": ...}}. */
    public static String toJson(Event event) {
        StringBuilder out = new StringBuilder(128 + event.message().size() * 32);
        out.append("{\"event\": ");
        writeString(out, event.name());
        out.append(", \"message\": ");
        writeValue(out, event.message());
        out.append(", \"nodeid\": ");
        if (event.nodeId() == null) out.append("null");
        else writeString(out, event.nodeId());
        out.append(", \"ts\": ").append(event.ts()).append('}');
        return out.toString();
    }

    /** Any JSON value (map, collection, string, number, boolean, null) in the same style. */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            writeFloat(out, ((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                if (!first) out.append(", ");
                first = false;
                writeString(out, entry.getKey());
                out.append(": ");
                writeValue(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) out.append(", ");
                first = false;
                writeValue(out, item);
            }
            out.append(']');
        } else {
            writeString(out, value.toString());
        }
    }

    /** Python's float repr for the common cases: {@code 1.0}, {@code 0.5}, {@code 1e+16}, {@code NaN}. */
    private static void writeFloat(StringBuilder out, double d) {
        if (Double.isNaN(d)) out.append("NaN");
        else if (Double.isInfinite(d)) out.append(d > 0 ? "Infinity" : "-Infinity");
        else if (d == Math.rint(d) && Math.abs(d) < 1e16) out.append(new BigDecimal(d).toPlainString()).append(".0");
        else out.append(Double.toString(d).replace("E", "e"));
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
