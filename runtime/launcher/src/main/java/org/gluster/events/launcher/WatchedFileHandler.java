package org.gluster.events.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log file that survives logrotate in either mode: when the file is moved away (rotate and
 * create) the handler notices within a second and reopens the path; when it is truncated
 * (copytruncate) appending goes on at the new end. Writes are buffered and flushed every 200 ms,
 * and at once for warnings and errors, so logging one line per event stays cheap.
 */
final class WatchedFileHandler extends Handler {
    private final Path path;
    private final ScheduledExecutorService flusher;
    private Writer writer;
    private Object openedFileKey;
    private long lastCheck;

    WatchedFileHandler(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path.getParent());
        open();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void open() throws IOException {
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        openedFileKey = fileKey();
    }

    private Object fileKey() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) return;
        try {
            reopenIfRotated();
            writer.write(getFormatter().format(record));
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) writer.flush();
        } catch (IOException e) {
            reportError("cannot write " + path, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void reopenIfRotated() throws IOException {
        long now = System.nanoTime();
        if (now - lastCheck < 1_000_000_000L) return;
        lastCheck = now;
        if (!Objects.equals(fileKey(), openedFileKey) || !Files.exists(path)) {
            writer.close();
            open();
        }
    }

    @Override
    public synchronized void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            reportError("cannot flush " + path, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        flusher.shutdownNow();
        try {
            writer.close();
        } catch (IOException e) {
            reportError("cannot close " + path, e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
