package org.gluster.events.api.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gluster.events.api.Event;

/**
 * The conversions the existing daemon applies before publishing (PROTOCOL §1c), so that consumers
 * get the same JSON: some attributes become booleans or integers, and VOLUME_SET's
 * {@code options=k1,v1,k2,v2,} becomes {@code [["k1","v1"],["k2","v2"]]}.
 * Only text values are converted; values that arrived typed (JSON input) are kept as they are.
 */
public final class AttributeConversions {
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("force", "push-pem", "no-verify");
    private static final Set<String> INTEGER_ATTRIBUTES = Set.of("ssh-port");
    private static final Set<String> TRUE_WORDS = Set.of("1", "on", "true", "yes", "enabled");

    private AttributeConversions() {
    }

    /** The event with its attributes converted; the same instance when nothing changes. */
    public static Event apply(Event event) {
        Map<String, Object> converted = null;
        for (Map.Entry<String, Object> attribute : event.message().entrySet()) {
            if (!(attribute.getValue() instanceof String text)) continue;
            Object value = convert(event.name(), attribute.getKey(), text);
            if (value != text) {
                if (converted == null) converted = new LinkedHashMap<>(event.message());
                converted.put(attribute.getKey(), value);
            }
        }
        return converted == null ? event : event.withMessage(converted);
    }

    private static Object convert(String eventName, String key, String text) {
        if (BOOLEAN_ATTRIBUTES.contains(key)) return TRUE_WORDS.contains(text.trim().toLowerCase(Locale.ROOT));
        if (INTEGER_ATTRIBUTES.contains(key)) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return text; // the existing daemon keeps it as text too
            }
        }
        if (key.equals("options") && eventName.equals("VOLUME_SET")) return optionPairs(text);
        return text;
    }

    /** {@code k1,v1,k2,v2,} to {@code [[k1,v1],[k2,v2]]}; an odd last key stands alone, as in the existing daemon. */
    static List<List<String>> optionPairs(String options) {
        String trimmed = options.strip();
        while (trimmed.endsWith(",")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        while (trimmed.startsWith(",")) trimmed = trimmed.substring(1);
        List<List<String>> pairs = new ArrayList<>();
        if (trimmed.isEmpty()) return pairs;
        String[] items = trimmed.split(",", -1);
        for (int i = 0; i < items.length; i += 2) {
            pairs.add(i + 1 < items.length ? List.of(items[i], items[i + 1]) : List.of(items[i]));
        }
        return pairs;
    }
}
