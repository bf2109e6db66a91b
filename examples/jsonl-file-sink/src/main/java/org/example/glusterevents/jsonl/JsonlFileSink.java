package org.example.glusterevents.jsonl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.gluster.events.api.codec.EventJson;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Appends every event to a JSON Lines file: one line per event, the PROTOCOL §2a body with the
 * event's {@code "id"} added, in journal order. A line is on disk before its event is acknowledged;
 * the file is rotated by size. Runs with defaults as soon as the bundle starts; a configuration
 * change applies from the next batch, at the same journal position.
 */
@Component(configurationPid = JsonlFileSink.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JsonlFileSink.Config.class)
public final class JsonlFileSink implements EventSink {
    public static final String PID = "org.example.glusterevents.jsonl";
    private static final System.Logger LOG = System.getLogger(JsonlFileSink.class.getName());
    private static final int BATCH = 512;
    private static final long POLL_MILLIS = 500;
    private static final Duration REPEAT_ERROR_LOG = Duration.ofMinutes(1);

    @ObjectClassDefinition(name = "JSON Lines file sink", description = "Writes every event to a file, one JSON object per line.")
    public @interface Config {
        @AttributeDefinition(name = "File", description = "The file written; empty: <glustereventsd.workdir>/events/events.jsonl."
                + " A relative path is taken from that folder.")
        String path() default "";

        @AttributeDefinition(name = "Maximum size (MB)", description = "The file is rotated before it would grow past this many MB.")
        double max_size_mb() default SinkSettings.DEFAULT_MAX_SIZE_MB;

        @AttributeDefinition(name = "Rotated files kept", description = "How many rotated files are kept: events.jsonl.1 (newest) ... events.jsonl.<keep>."
                + " 0: the file starts over when it is full.")
        int keep() default SinkSettings.DEFAULT_KEEP;

        @AttributeDefinition(name = "Events", description = "Which events are written: event name globs such as Volume.*,PEER_*; empty: all.")
        String[] events() default {};
    }

    private final Path defaultFolder;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private volatile SinkSettings settings;

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private volatile String lastError;
    private volatile Instant failingSince;
    /** When a failure was last logged; only the writer thread uses it. */
    private Instant lastLogged;

    /** The thread writing for the cursor opened last; null when closed. */
    private volatile Thread writer;
    /** Released by a configuration change: a failed write is retried at once, perhaps elsewhere. */
    private final Semaphore retryNow = new Semaphore(0);

    // --- configuration

    @Activate
    public JsonlFileSink(BundleContext context, Config config) {
        String workdir = context.getProperty("glustereventsd.workdir");
        this.defaultFolder = workdir != null ? Path.of(workdir, "events") : Path.of(System.getProperty("java.io.tmpdir"), "events");
        this.firstBackoff = Duration.ofSeconds(1);
        this.maxBackoff = Duration.ofSeconds(30);
        configure(SinkSettings.from(config, defaultFolder));
    }

    /** A sink with settings of its own, retrying a failed write after {@code firstBackoff}, doubling up to {@code maxBackoff}. */
    JsonlFileSink(SinkSettings settings, Duration firstBackoff, Duration maxBackoff) {
        this.defaultFolder = settings.path().toAbsolutePath().getParent();
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        configure(settings);
    }

    @Modified
    void modified(Config config) {
        configure(SinkSettings.from(config, defaultFolder));
    }

    void configure(SinkSettings next) {
        for (String warning : next.warnings()) LOG.log(Level.WARNING, "JSON Lines sink configuration (" + PID + "): " + warning);
        settings = next;
        retryNow.release();
        LOG.log(Level.INFO, "JSON Lines sink writes " + (next.events().isEmpty() ? "every event" : "events " + next.events())
                + " to " + next.path() + ", rotated at " + next.maxBytes() + " bytes, " + next.keep() + " rotated files kept");
    }

    // --- lifecycle

    /** Stable across configuration changes: a new path resumes at the same journal position. */
    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public synchronized void open(EventCursor cursor) {
        close();
        Thread thread = new Thread(() -> writeUntilClosed(cursor), "sink-jsonl");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    @Deactivate
    public synchronized void close() {
        Thread thread = writer;
        if (thread == null) return;
        writer = null;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) LOG.log(Level.WARNING, "JSON Lines sink writer did not stop within 3 s");
    }

    /**
     * {@code path}, {@code max_size_mb}, {@code keep}, {@code events}, {@code written}, {@code skipped}, {@code rotations}; while writing
     * fails {@code last_error} and {@code failing_since}; {@code config_warnings} when a value of the
     * configuration could not be used.
     */
    @Override
    public Map<String, Object> status() {
        SinkSettings current = settings;
        Instant since = failingSince;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("path", current.path().toString());
        status.put("max_size_mb", current.maxBytes() / (1024.0 * 1024));
        status.put("keep", current.keep());
        status.put("events", current.events().isEmpty() ? "*" : current.events().toString());
        status.put("written", written.get());
        status.put("skipped", skipped.get());
        status.put("rotations", rotations.get());
        String error = lastError;
        if (error != null) status.put("last_error", error);
        if (since != null) status.put("failing_since", since.toString());
        if (!current.warnings().isEmpty()) status.put("config_warnings", current.warnings());
        return status;
    }

    // --- the loop

    private void writeUntilClosed(EventCursor cursor) {
        try (Output output = new Output()) {
            while (writer == Thread.currentThread() && !cursor.isClosed()) {
                List<Event> batch = cursor.poll(BATCH, POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch.isEmpty()) continue;
                List<byte[]> lines = linesOf(batch, settings);
                int done = 0;
                Duration backoff = firstBackoff;
                while (done < lines.size()) {
                    retryNow.drainPermits();
                    try {
                        int count = output.append(lines.subList(done, lines.size()));
                        done += count;
                        written.addAndGet(count);
                        recovered(output.path());
                    } catch (IOException e) {
                        failed(output.path(), e);
                        if (writer != Thread.currentThread() || cursor.isClosed()) return; // not acknowledged: read again
                        retryNow.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                    }
                }
                cursor.acknowledge(batch.get(batch.size() - 1));
            }
        } catch (InterruptedException e) {
            // closing: what was taken and not acknowledged is read again by the next cursor
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "JSON Lines sink stopped writing; it starts again when reopened", e);
            lastError = e.toString();
        }
    }

    /** The file the writer thread appends to: another one as soon as the settings name another. */
    private final class Output implements AutoCloseable {
        private RotatingFile file;
        private SinkSettings openedWith;

        int append(List<byte[]> lines) throws IOException {
            SinkSettings current = settings;
            if (!current.sameFileAs(openedWith)) {
                close();
                file = new RotatingFile(current.path(), current.maxBytes(), current.keep(), rotations);
                openedWith = current;
            }
            return file.append(lines);
        }

        Path path() {
            return file != null ? file.path() : settings.path();
        }

        @Override
        public void close() {
            if (file != null) file.close();
        }
    }

    /** The lines of the events the settings select, each with its newline. */
    private List<byte[]> linesOf(List<Event> batch, SinkSettings current) {
        List<byte[]> lines = new ArrayList<>(batch.size());
        for (Event event : batch) {
            if (current.selects(event.name())) {
                lines.add((line(event) + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                skipped.incrementAndGet();
            }
        }
        return lines;
    }

    /**
     * The PROTOCOL §2a body with {@code "id"} among its sorted keys (after {@code "event"}), as the
     * WebSocket API sends it; the plain body for an event without an id.
     */
    static String line(Event event) {
        String json = event.toJson();
        if (event.id() == null) return json;
        int message = json.indexOf(", \"message\": ");
        return json.substring(0, message) + ", \"id\": " + EventJson.toJson((Object) event.id()) + json.substring(message);
    }

    private void failed(Path path, IOException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        Instant now = Instant.now();
        boolean first = failingSince == null;
        if (first) {
            failingSince = now;
            lastLogged = now;
            LOG.log(Level.WARNING, "JSON Lines sink cannot write " + path + " (" + error + "); retrying, nothing is skipped");
        } else if (Duration.between(lastLogged, now).compareTo(REPEAT_ERROR_LOG) >= 0) {
            lastLogged = now;
            LOG.log(Level.WARNING, "JSON Lines sink still cannot write " + path + " since " + failingSince + " (" + error + ")");
        }
        lastError = error;
    }

    private void recovered(Path path) {
        Instant since = failingSince;
        if (since == null) return;
        failingSince = null;
        lastError = null;
        LOG.log(Level.INFO, "JSON Lines sink writes to " + path + " again, after failing for "
                + Duration.between(since, Instant.now()).toSeconds() + " s");
    }
}
