package org.gluster.events.runtime.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gluster.events.api.net.Cidr;

/**
 * The names {@code config.json} may hold, their defaults, and what values each accepts.
 * {@link #parse} turns a JSON value (or the text given to {@code config-set}) into the canonical
 * value, or says what is allowed.
 */
public enum ConfigKey {
    PORT("port", 55555, "the UDP port producers send to: an integer from 1 to 65535"),
    REST_PORT("rest-port", 24010, "the HTTP port of the REST and WebSocket API: an integer from 1 to 65535"),
    BIND_ADDRESS("bind-address", "", "the address the UDP and HTTP listeners bind: an IP address or host name, empty for all interfaces"),
    SOCKET_PATH("socket-path", "", "the AF_UNIX socket producers send to: an absolute path, empty for the default"),
    PEERS("peers", List.of(), "other nodes besides glusterd's peers files: a list of host names or addresses, such as node2,node3"),
    UDP_ALLOW("udp-allow", List.of(), "extra senders allowed over UDP besides loopback and peers: a list of CIDRs such as 10.0.0.0/8"),
    LOG_LEVEL("log-level", "INFO", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    LOG_FORMAT("log-format", "text", "text or json: a line of text per record, or a JSON object per line"),
    DISABLE_EVENTS_LOG("disable-events-log", false, "true or false: whether to stop logging every event"),
    WEBHOOK_MAX_AGE_HOURS("webhook-max-age-hours", 24, "how long a webhook retries an event before it becomes a dead letter: hours, an integer from 1 to 8760"),
    JOURNAL_MAX_MB("journal-max-mb", 1024, "the journal's size limit before the oldest events are evicted: MiB, an integer from 16 to 1048576"),
    JOURNAL_MAX_AGE_HOURS("journal-max-age-hours", 168, "how long the journal keeps events: hours, an integer from 1 to 87600"),
    JOURNAL_FSYNC_MS("journal-fsync-ms", 1000, "how often appended events are forced to disk: milliseconds from 0 (every event) to 60000");

    private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");
    private static final Set<String> LOG_FORMATS = Set.of("text", "json");

    private final String key;
    private final Object defaultValue;
    private final String allowed;

    ConfigKey(String key, Object defaultValue, String allowed) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
    }

    /** The name as written in {@code config.json}. */
    public String key() {
        return key;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    /** What values are allowed, for error messages and help. */
    public String allowed() {
        return allowed;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    /**
     * Whether the value belongs to this node alone (its addresses and paths) and so is never taken
     * from another node's configuration.
     */
    public boolean nodeLocal() {
        return this == BIND_ADDRESS || this == SOCKET_PATH;
    }

    /** Every key with its default value, in declaration order. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (ConfigKey k : values()) defaults.put(k.key, k.defaultValue);
        return defaults;
    }

    /**
     * The canonical value for a JSON value or for text typed on a command line.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public Object parse(Object value) {
        switch (this) {
            case PORT, REST_PORT -> {
                return (int) inRange(value, 1, 65535);
            }
            case WEBHOOK_MAX_AGE_HOURS -> {
                return (int) inRange(value, 1, 8760);
            }
            case JOURNAL_MAX_MB -> {
                return (int) inRange(value, 16, 1_048_576);
            }
            case JOURNAL_MAX_AGE_HOURS -> {
                return (int) inRange(value, 1, 87_600);
            }
            case JOURNAL_FSYNC_MS -> {
                return (int) inRange(value, 0, 60_000);
            }
            case BIND_ADDRESS -> {
                String text = asText(value).trim();
                if (text.chars().anyMatch(Character::isWhitespace)) throw invalid(value);
                return text;
            }
            case SOCKET_PATH -> {
                String text = asText(value).trim();
                if (!text.isEmpty() && !text.startsWith("/")) throw invalid(value);
                return text;
            }
            case PEERS -> {
                Collection<?> items = value instanceof Collection<?> c ? c
                        : Arrays.stream(asText(value).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
                List<String> hosts = new ArrayList<>();
                for (Object item : items) {
                    String host = asText(item).trim();
                    if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) throw invalid(value);
                    hosts.add(host);
                }
                return List.copyOf(hosts);
            }
            case UDP_ALLOW -> {
                List<String> cidrs = new ArrayList<>();
                Collection<?> items = value instanceof Collection<?> c ? c
                        : Arrays.stream(asText(value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                for (Object item : items) {
                    String cidr = asText(item).trim();
                    try {
                        Cidr.parse(cidr);
                    } catch (IllegalArgumentException e) {
                        throw invalid(value);
                    }
                    cidrs.add(cidr);
                }
                return List.copyOf(cidrs);
            }
            case LOG_LEVEL -> {
                String level = asText(value).trim().toUpperCase(Locale.ROOT);
                if (level.equals("WARN")) level = "WARNING";
                if (!LOG_LEVELS.contains(level)) throw invalid(value);
                return level;
            }
            case LOG_FORMAT -> {
                String format = asText(value).trim().toLowerCase(Locale.ROOT);
                if (!LOG_FORMATS.contains(format)) throw invalid(value);
                return format;
            }
            case DISABLE_EVENTS_LOG -> {
                if (value instanceof Boolean b) return b;
                String text = asText(value).trim().toLowerCase(Locale.ROOT);
                if (text.equals("true")) return true;
                if (text.equals("false")) return false;
                throw invalid(value);
            }
            default -> throw new IllegalStateException(key);
        }
    }

    private long inRange(Object value, long min, long max) {
        long number = asLong(value);
        if (number < min || number > max) throw invalid(value);
        return number;
    }

    private long asLong(Object value) {
        if (value instanceof Integer || value instanceof Long) return ((Number) value).longValue();
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
        }
        throw invalid(value);
    }

    private String asText(Object value) {
        if (value instanceof String text) return text;
        throw invalid(value);
    }

    private IllegalArgumentException invalid(Object value) {
        return new IllegalArgumentException("invalid value " + value + " for " + key + ": expected " + allowed);
    }
}
