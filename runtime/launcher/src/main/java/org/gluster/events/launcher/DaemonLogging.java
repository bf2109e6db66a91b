package org.gluster.events.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root logger's two handlers, the log file and standard error, and their format: {@code text}
 * or {@code json} ({@code log-format}). Main registers this as a {@code Consumer<String>} service
 * with {@code glustereventsd.logging=format}; the core bundle hands it the format whenever the
 * configuration is loaded.
 */
final class DaemonLogging implements Consumer<String> {
    static final String SERVICE_PROPERTY = "glustereventsd.logging";
    static final String SERVICE_VALUE = "format";
    private static final Logger LOG = Logger.getLogger("glustereventsd.launcher");
    private static final Pattern LOG_FORMAT = Pattern.compile("\"log-format\"\\s*:\\s*\"\\s*(text|json)\\s*\"",
            Pattern.CASE_INSENSITIVE);

    private final Handler file;
    private final Handler console;
    private final boolean journal;
    private volatile String format;

    /** {@code journal}: the console handler writes to the journal. */
    DaemonLogging(Handler file, Handler console, boolean journal, String format) {
        this.file = file;
        this.console = console;
        this.journal = journal;
        apply(format);
    }

    /** Replaces the root logger's handlers with the log file and standard error. */
    static DaemonLogging setUp(Path logFile, String format, boolean journal) throws IOException {
        LogManager.getLogManager().reset();
        DaemonLogManager.keepOpenUntilShutdownHookEnds();
        Logger root = Logger.getLogger("");
        DaemonLogging logging = new DaemonLogging(new WatchedFileHandler(logFile), new ConsoleHandler(), journal, format);
        for (Handler handler : new Handler[] {logging.file, logging.console}) {
            handler.setLevel(Level.ALL);
            root.addHandler(handler);
        }
        root.setLevel(Level.INFO);
        return logging;
    }

    /** Switches both handlers to {@code json} or {@code text} (anything else). */
    @Override
    public void accept(String newFormat) {
        if (apply(newFormat)) LOG.info("Log format " + format);
    }

    private synchronized boolean apply(String newFormat) {
        String wanted = "json".equalsIgnoreCase(newFormat) ? "json" : "text";
        if (wanted.equals(format)) return false;
        format = wanted;
        boolean json = wanted.equals("json");
        file.setFormatter(json ? new JsonFormatter() : new LineFormatter(true));
        Formatter lines = json ? new JsonFormatter() : new LineFormatter(!journal);
        console.setFormatter(journal ? new JournalFormatter(lines) : lines);
        return true;
    }

    /**
     * {@code log-format} as the configuration files give it, the later file winning (a value that
     * is not allowed is passed over, as the configuration does), so that the
     * daemon's first lines, written before the configuration is loaded, are in that format too.
     */
    static String configuredFormat(Path... files) {
        String format = "text";
        for (Path file : files) {
            try {
                Matcher matcher = LOG_FORMAT.matcher(Files.readString(file));
                if (matcher.find()) format = matcher.group(1).toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                // absent or unreadable: the configuration reports it once loaded
            }
        }
        return format;
    }
}
