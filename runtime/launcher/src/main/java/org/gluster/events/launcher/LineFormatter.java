package org.gluster.events.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code 2026-11-23 10:00:00.123 INFO  [component] message}: one line a record, stack traces after
 * it. Without the timestamp for journald, which stamps every line itself.
 */
final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final boolean timestamp;

    LineFormatter(boolean timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        if (timestamp) line.append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ');
        line.append(levelName(record.getLevel())).append(" [").append(shortName(record.getLoggerName())).append("] ")
                .append(formatMessage(record)).append('\n');
        if (record.getThrown() != null) line.append(stackTrace(record.getThrown()));
        return line.toString();
    }

    private static String levelName(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) return "ERROR";
        if (level.intValue() >= Level.WARNING.intValue()) return "WARN ";
        if (level.intValue() >= Level.INFO.intValue()) return "INFO ";
        return "DEBUG";
    }

    /** The last part of a logger's name: {@code glustereventsd.events} is {@code events}. */
    static String shortName(String logger) {
        if (logger == null) return "";
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
