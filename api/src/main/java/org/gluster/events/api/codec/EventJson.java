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

    /**
     * Python's float repr: {@code 1.0}, {@code 0.5}, {@code 1e+16}, {@code 1e-05}, {@code NaN}. Fixed notation
     * when the decimal exponent is in (-4, 16], else {@code d.ddde+XX}; digits from {@link Double#toString}.
     */
    private static void writeFloat(StringBuilder out, double d) {
        if (Double.isNaN(d)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (d < 0 || (d == 0 && 1 / d < 0)) out.append('-');
        if (d == 0) {
            out.append("0.0");
            return;
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale(); // value = 0.<digits> * 10^decpt
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) out.append("0.").append("0".repeat(-decpt)).append(digits);
            else if (decpt >= digits.length()) out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            else out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
            int exponent = decpt - 1;
            out.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) out.append('0');
            out.append(Math.abs(exponent));
        }
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
