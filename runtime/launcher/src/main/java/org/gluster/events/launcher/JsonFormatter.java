package org.gluster.events.launcher;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object a line, for log shippers:
 * {@code {"ts":"2026-11-23T10:00:00.123+01:00","level":"INFO","logger":"Pipeline","thread":"main","message":"…"}},
 * with {@code exception} (the stack trace) when the record has one. A line of the events log,
 * {@code EVENT <id> <json>}, also carries {@code event_id} and {@code event}, the event itself as
 * an object. Everything outside ASCII is escaped, so the line stays valid in any encoding.
 */
final class JsonFormatter extends Formatter {
    static final String EVENTS_LOGGER = "glustereventsd.events";
    private static final String EVENT_PREFIX = "EVENT ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256);
        String message = formatMessage(record);
        if (message == null) message = "";
        field(json.append('{'), "ts", TIME.format(record.getInstant()));
        field(json.append(','), "level", levelName(record.getLevel()));
        field(json.append(','), "logger", LineFormatter.shortName(record.getLoggerName()));
        field(json.append(','), "thread", threadName(record));
        int idEnd = message.indexOf(' ', EVENT_PREFIX.length());
        if (EVENTS_LOGGER.equals(record.getLoggerName()) && message.startsWith(EVENT_PREFIX) && idEnd > 0
                && isOneObject(message.substring(idEnd + 1))) {
            String id = message.substring(EVENT_PREFIX.length(), idEnd);
            field(json.append(','), "message", EVENT_PREFIX + id);
            field(json.append(','), "event_id", id);
            json.append(",\"event\":").append(message, idEnd + 1, message.length()); // JSON already: the body webhooks get
        } else {
            field(json.append(','), "message", message);
        }
        if (record.getThrown() != null) field(json.append(','), "exception", LineFormatter.stackTrace(record.getThrown()).stripTrailing());
        return json.append("}\n").toString();
    }

    /** An event's JSON as the events log writes it: one object on one line. */
    private static boolean isOneObject(String text) {
        return text.startsWith("{") && text.endsWith("}") && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    private static String levelName(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) return "ERROR";
        if (level.intValue() >= Level.WARNING.intValue()) return "WARNING";
        if (level.intValue() >= Level.INFO.intValue()) return "INFO";
        return "DEBUG";
    }

    /** Handlers format on the logging thread; a record handed over from another thread keeps its id. */
    private static String threadName(LogRecord record) {
        Thread current = Thread.currentThread();
        return current.getId() == record.getLongThreadID() ? current.getName() : "thread-" + record.getLongThreadID();
    }

    private static void field(StringBuilder json, String name, String value) {
        appendString(json, name);
        json.append(':');
        appendString(json, value);
    }

    /** {@code text} as a JSON string: quotes, backslashes, control characters and non-ASCII escaped. */
    static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        json.append(c);
                    } else {
                        json.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4) json.append(Character.forDigit(c >> shift & 0xf, 16));
                    }
                }
            }
        }
        json.append('"');
    }
}
