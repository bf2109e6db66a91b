package org.gluster.events.runtime.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gluster.events.api.EventSink;
import org.gluster.events.runtime.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink in the pipeline. Its {@code open} and {@code close} run on a thread of its own, so a sink
 * that blocks in them holds up nothing else: an open that does not return within
 * {@link #LIFECYCLE_SECONDS} marks the sink failed, a close that does not is cut short by closing its
 * cursor (so it can acknowledge nothing more, and its replacement resumes where it stopped).
 */
final class SinkHandle {
    private static final Logger LOG = LoggerFactory.getLogger(SinkHandle.class);
    static final long LIFECYCLE_SECONDS = 5;

    final EventSink sink;
    final String name;
    final String bundle;
    final String version;
    private final ExecutorService lifecycle;
    private FilterChains.SinkFilters filters;
    private volatile String state = "closed";
    private volatile String error;
    private volatile long openingSince;

    SinkHandle(EventSink sink, String name, String bundle, String version) {
        this.sink = sink;
        this.name = name;
        this.bundle = bundle;
        this.version = version;
        this.lifecycle = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sink-lifecycle " + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the sink on its cursor, in the background. */
    void open(Journal journal, FilterChains chains) {
        boolean receivesRelayed;
        try {
            receivesRelayed = sink.receivesRelayed();
        } catch (RuntimeException | LinkageError e) {
            receivesRelayed = false; // a broken plugin's answer: deliver it this node's events only
        }
        filters = chains.open(name, receivesRelayed);
        FilterChains.SinkFilters opened = filters;
        state = "opening";
        openingSince = System.currentTimeMillis();
        lifecycle.execute(() -> {
            try {
                var cursor = journal.open(name, opened);
                sink.open(cursor);
                state = "open";
                LOG.info("Sink {} opened at its cursor ({} pending)", name, cursor.pending());
            } catch (RuntimeException | LinkageError e) {
                journal.close(name);
                fail("open failed: " + e);
                LOG.error("Sink {} failed to open", name, e);
            }
        });
    }

    /** Closes the sink, waiting for it at most {@link #LIFECYCLE_SECONDS}; then its cursor, whatever the sink did. */
    void close(Journal journal, FilterChains chains) {
        // The sink first, the cursor after: a sink may finish what is in flight as it closes, and
        // its acknowledgement must still count, or the next sink on this cursor delivers it again.
        Future<?> closing = lifecycle.submit(sink::close);
        try {
            closing.get(LIFECYCLE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.error("Sink {} did not close within {} s; its cursor is closed under it", name, LIFECYCLE_SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Sink {} failed to close cleanly", name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close(name);
        if (filters != null) chains.close(filters);
        lifecycle.shutdownNow();
        state = "closed";
        LOG.info("Sink {} closed; its position is kept", name);
    }

    long filteredOut() {
        return filters == null ? 0 : filters.filteredOut();
    }

    private void fail(String why) {
        error = why;
        state = "failed";
    }

    /** {@code opening}, {@code open}, {@code failed} or {@code closed}; an open that hangs is a failure. */
    String state() {
        if ("opening".equals(state) && System.currentTimeMillis() - openingSince > LIFECYCLE_SECONDS * 1000) {
            fail("open() did not return within " + LIFECYCLE_SECONDS + " s");
        }
        return state;
    }

    String error() {
        return error;
    }
}
