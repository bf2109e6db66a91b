package org.example.glusterevents.jsonl;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.gluster.events.api.EventPatterns;

/**
 * The sink's configuration, checked: a value that cannot be used is replaced by its default, and
 * {@link #warnings()} says which and why, so that a typo never stops events from being written.
 *
 * @param path     the file written
 * @param maxBytes the size the file is rotated at
 * @param keep     how many rotated files are kept
 * @param events   which events are written; empty: all of them
 * @param warnings what was wrong with the configuration, and what is used instead
 */
record SinkSettings(Path path, long maxBytes, int keep, EventPatterns events, List<String> warnings) {
    static final double DEFAULT_MAX_SIZE_MB = 10;
    static final int DEFAULT_KEEP = 5;
    private static final long MB = 1024 * 1024;

    SinkSettings {
        warnings = List.copyOf(warnings);
    }

    /** Settings without warnings, as tests and {@link #from} build them. */
    static SinkSettings of(Path path, long maxBytes, int keep, String events) {
        return new SinkSettings(path, maxBytes, keep, EventPatterns.parse(events), List.of());
    }

    /**
     * The settings of a configuration.
     *
     * @param defaultFolder where the file goes when {@code path} is empty or relative:
     *                      {@code <glustereventsd.workdir>/events}
     */
    static SinkSettings from(JsonlFileSink.Config config, Path defaultFolder) {
        List<String> warnings = new ArrayList<>();
        Path defaultPath = defaultFolder.resolve("events.jsonl");

        Path path = defaultPath;
        String pathText = read("path", config::path, "", warnings);
        if (!pathText.isBlank()) {
            try {
                path = defaultFolder.resolve(pathText.trim());
            } catch (InvalidPathException e) {
                warnings.add("path '" + pathText + "' is not a file name (" + e.getReason() + "); writing to " + defaultPath);
            }
        }

        double maxSizeMb = read("max.size.mb", config::max_size_mb, DEFAULT_MAX_SIZE_MB, warnings);
        if (!(maxSizeMb * MB >= 1)) { // also NaN
            warnings.add("max.size.mb " + maxSizeMb + " is not a positive size; rotating at " + DEFAULT_MAX_SIZE_MB + " MB");
            maxSizeMb = DEFAULT_MAX_SIZE_MB;
        }

        int keep = read("keep", config::keep, DEFAULT_KEEP, warnings);
        if (keep < 0) {
            warnings.add("keep " + keep + " is negative; keeping " + DEFAULT_KEEP + " rotated files");
            keep = DEFAULT_KEEP;
        }

        String globs = String.join(",", read("events", config::events, new String[0], warnings));
        EventPatterns events = EventPatterns.parse("");
        try {
            events = EventPatterns.parse(globs);
        } catch (IllegalArgumentException e) {
            warnings.add("events '" + globs + "' is not a list of event patterns (" + e.getMessage() + "); writing every event");
        }
        return new SinkSettings(path, Math.max(1, (long) (maxSizeMb * MB)), keep, events, warnings);
    }

    /** Whether the event named {@code name} is written. */
    boolean selects(String name) {
        return events.isEmpty() || events.test(name);
    }

    /** Whether a file written with {@code other} is the same file, rotated the same way. */
    boolean sameFileAs(SinkSettings other) {
        return other != null && path.equals(other.path) && maxBytes == other.maxBytes && keep == other.keep;
    }

    /**
     * A value of the configuration; Declarative Services converts text ({@code max.size.mb=50}) to the
     * attribute's type when it is read, and fails then if it cannot.
     */
    private static <T> T read(String key, Supplier<T> attribute, T fallback, List<String> warnings) {
        try {
            return attribute.get();
        } catch (RuntimeException e) {
            warnings.add(key + " cannot be read (" + e.getMessage() + "); using " + describe(fallback));
            return fallback;
        }
    }

    private static String describe(Object value) {
        if (value instanceof String[] array) return array.length == 0 ? "all events" : String.join(",", array);
        if ("".equals(value)) return "the default path";
        return String.valueOf(value);
    }
}
