package org.gluster.events.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which events a list of name globs selects: {@code *} matches any run of characters, {@code ?} one.
 * A pattern may use either name form of the catalog, {@code VOLUME_*} or the seed's
 * {@code Volume.*} (also {@code Georep.State.*}), and matches regardless of case. The one matcher
 * for webhook subscriptions, WebSocket {@code events=} and the key-glob filter.
 *
 * @since 1.2
 */
public final class EventPatterns implements Predicate<String> {
    private final List<String> patterns;
    private final List<Pattern> compiled;
    /** Verdicts by event name: a stream has a few dozen names, matched again and again. */
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    private EventPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Pattern> list = new ArrayList<>();
        for (String pattern : patterns) list.add(compile(pattern));
        this.compiled = List.copyOf(list);
    }

    /**
     * The patterns of a comma-separated list ({@code "Volume.*,PEER_*"}); blanks are ignored.
     *
     * @throws IllegalArgumentException when a pattern holds characters no event name has
     */
    public static EventPatterns parse(String commaSeparated) {
        List<String> patterns = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) patterns.add(part.trim());
        }
        return of(patterns);
    }

    public static EventPatterns of(List<String> patterns) {
        for (String pattern : patterns) {
            if (!pattern.matches("[A-Za-z0-9_.*?]+")) {
                throw new IllegalArgumentException("'" + pattern + "' is not an event pattern: use letters, digits, '_', '.', '*' and '?'"
                        + " (for example Volume.* or VOLUME_*)");
            }
        }
        return new EventPatterns(patterns);
    }

    /** Whether no pattern was given: then {@link #test} selects nothing. */
    public boolean isEmpty() {
        return compiled.isEmpty();
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Whether {@code eventName} ({@code VOLUME_CREATE}) is selected by one of the patterns, in either of its name forms. */
    @Override
    public boolean test(String eventName) {
        Boolean verdict = verdicts.get(eventName);
        if (verdict != null) return verdict;
        boolean matches = matches(eventName);
        if (verdicts.size() < 4096) verdicts.put(eventName, matches);
        return matches;
    }

    private boolean matches(String eventName) {
        String dotted = EventTypes.byName(eventName).map(EventType::dottedName).orElse(eventName);
        for (Pattern pattern : compiled) {
            if (pattern.matcher(eventName).matches() || pattern.matcher(dotted).matches()) return true;
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
