package org.gluster.events.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * For standard error when it is the journal: every line of a record, stack trace included, starts
 * with the record's syslog priority as sd-daemon(3) says ({@code <3>} error, {@code <4>} warning,
 * {@code <6>} info, {@code <7>} debug), so that {@code journalctl -p warning} finds it.
 */
final class JournalFormatter extends Formatter {
    private final Formatter lines;

    /** {@code lines}: the format of the lines themselves, without a timestamp (journald adds its own). */
    JournalFormatter(Formatter lines) {
        this.lines = lines;
    }

    @Override
    public String format(LogRecord record) {
        String prefix = "<" + priority(record.getLevel()) + ">";
        StringBuilder out = new StringBuilder(200);
        for (String line : lines.format(record).split("\n")) out.append(prefix).append(line).append('\n');
        return out.toString();
    }

    static int priority(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) return 3;
        if (level.intValue() >= Level.WARNING.intValue()) return 4;
        if (level.intValue() >= Level.INFO.intValue()) return 6;
        return 7;
    }

    /**
     * Whether standard error or output is the journal. systemd sets {@code JOURNAL_STREAM} to the
     * {@code <device>:<inode>} of that stream (systemd.exec(5)); a program started from such a
     * service, or from a desktop session, can inherit the variable with its streams going
     * elsewhere, so they are compared. Where they cannot be looked at, the variable is trusted.
     */
    static boolean connected(String journalStream) {
        if (journalStream == null || journalStream.isBlank()) return false;
        for (String fd : new String[] {"/proc/self/fd/2", "/proc/self/fd/1"}) {
            try {
                Map<String, Object> stream = Files.readAttributes(Path.of(fd), "unix:dev,ino");
                if (journalStream.equals(stream.get("dev") + ":" + stream.get("ino"))) return true;
            } catch (IOException | UnsupportedOperationException e) {
                return true;
            }
        }
        return false;
    }
}
