package org.gluster.events.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of Gluster event types: line N (0-based, comments excluded) of
 * {@code gluster-event-types.txt} is wire code N. Codes never change; new types are appended.
 */
public final class EventTypes {
    private static final List<EventType> BY_CODE = load();
    private static final Map<String, EventType> BY_NAME = index(BY_CODE);

    private EventTypes() {
    }

    /** Every known type, in code order. */
    public static List<EventType> all() {
        return BY_CODE;
    }

    /** The type with this wire code. */
    public static Optional<EventType> byCode(int code) {
        return code >= 0 && code < BY_CODE.size() ? Optional.of(BY_CODE.get(code)) : Optional.empty();
    }

    /**
     * The type named in any of its forms: {@code EVENT_VOLUME_CREATE}, {@code VOLUME_CREATE} or
     * {@code Volume.Create} (case-insensitive).
     */
    public static Optional<EventType> byName(String name) {
        if (name == null) return Optional.empty();
        String key = name.trim().replace('.', '_').toUpperCase(Locale.ROOT);
        if (!key.startsWith("EVENT_")) key = "EVENT_" + key;
        return Optional.ofNullable(BY_NAME.get(key));
    }

    private static List<EventType> load() {
        InputStream in = EventTypes.class.getResourceAsStream("gluster-event-types.txt");
        if (in == null) throw new IllegalStateException("gluster-event-types.txt missing from the api bundle");
        List<EventType> types = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                types.add(new EventType(types.size(), line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(types);
    }

    private static Map<String, EventType> index(List<EventType> types) {
        Map<String, EventType> byName = new HashMap<>();
        for (EventType type : types) byName.put(type.constant(), type);
        return Collections.unmodifiableMap(byName);
    }
}
