package org.gluster.events.runtime.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.gluster.events.runtime.journal.CursorFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters in force and one chain of them per open sink.
 *
 * <p>Replacing a filter (its bundle updated, its component reconfigured) unregisters it before its
 * successor registers. So that no event meets neither of them, delivery holds from the moment a
 * filter goes until a filter of the same identity is back, its bundle is uninstalled, or
 * its grace ({@link #GRACE_MILLIS} in the daemon) passes. The identities in force are kept in a file: after a restart delivery
 * holds the same way until they are all back, so events disabled before the restart stay disabled.
 */
final class FilterChains {
    private static final Logger LOG = LoggerFactory.getLogger(FilterChains.class);
    static final long GRACE_MILLIS = 5_000;
    /** How long one filter may take on one event before it is taken for hung. */
    static final long HUNG_MILLIS = 2_000;
    private final long graceMillis;
    /** The filter that keeps relayed events from sinks that take only this node's own. */
    private static final CursorFilter LOCAL_ONLY = event -> event.relayed() ? null : event;

    FilterChains(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    private Path inUseFile;
    private List<FilterSlot> slots = List.of();
    private final List<SinkFilters> chains = new ArrayList<>();
    /** Identities delivery waits for, and until when. */
    private final Set<String> awaited = new LinkedHashSet<>();
    private volatile boolean holding;
    private volatile long holdUntil;

    /**
     * Reads the identities in force before a restart from {@code inUseFile}, and holds delivery until
     * those not registered yet are back, and records them there from now on.
     */
    synchronized void awaitInUse(Path inUseFile) {
        this.inUseFile = inUseFile;
        try {
            if (Files.exists(inUseFile)) awaited.addAll(Files.readAllLines(inUseFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList());
        } catch (IOException e) {
            LOG.warn("Cannot read the filters in use from {}: {}", inUseFile, e.toString());
        }
        slots.forEach(slot -> awaited.remove(slot.identity()));
        if (awaited.isEmpty()) {
            saveInUse();
            return;
        }
        hold();
        LOG.info("Delivery waits up to {} s for the filters in force before the restart: {}", graceMillis / 1000, awaited);
    }

    synchronized void add(FilterSlot slot) {
        List<FilterSlot> updated = new ArrayList<>(slots);
        updated.add(slot);
        updated.sort(FilterSlot::order);
        slots = List.copyOf(updated);
        chains.forEach(SinkFilters::rebuild);
        if (awaited.remove(slot.identity()) && awaited.isEmpty()) release("filter " + slot.name + " " + slot.version + " in place");
        else if (!holding) saveInUse();
        LOG.info("Filter {} {} (ranking {}) in the chain", slot.name, slot.version, slot.ranking);
    }

    synchronized void remove(FilterSlot slot, boolean awaitReplacement) {
        List<FilterSlot> updated = new ArrayList<>(slots);
        if (!updated.remove(slot)) return;
        // Hold first: a cursor must never get a chain without the filter while delivery still flows.
        if (awaitReplacement) {
            awaited.add(slot.identity());
            hold();
        }
        slots = List.copyOf(updated);
        chains.forEach(SinkFilters::rebuild);
        if (awaitReplacement) {
            LOG.info("Filter {} {} went away: delivery holds until it is back, for at most {} s", slot.name, slot.version,
                    graceMillis / 1000);
        } else {
            saveInUse();
            LOG.info("Filter {} {} removed from the chain", slot.name, slot.version);
        }
    }

    /** A bundle was uninstalled: its filters are gone for good, delivery waits for them no more. */
    synchronized void uninstalled(String bundle) {
        if (awaited.removeIf(identity -> identity.startsWith(bundle + "/")) && awaited.isEmpty()) {
            release("bundle " + bundle + " uninstalled");
        }
    }

    /** A new chain for a sink: the filters in force, behind one that drops relayed events unless the sink wants them. */
    synchronized SinkFilters open(String sink, boolean receivesRelayed) {
        SinkFilters chain = new SinkFilters(sink, receivesRelayed);
        chains.add(chain);
        chain.rebuild();
        return chain;
    }

    synchronized void close(SinkFilters chain) {
        chains.remove(chain);
        chain.releaseAll();
    }

    List<FilterSlot> slots() {
        return slots;
    }

    /** Whether delivery is holding for a filter to come back, and for which. */
    synchronized List<String> awaited() {
        return holding ? List.copyOf(awaited) : List.of();
    }

    private void hold() {
        holdUntil = System.currentTimeMillis() + graceMillis;
        holding = true;
    }

    private synchronized void release(String why) {
        if (holding) LOG.info("Delivery resumes: {}", why);
        awaited.clear();
        holding = false;
        saveInUse();
    }

    /** Called by every cursor at every poll: cheap unless holding. */
    private boolean held() {
        if (!holding) return false;
        if (System.currentTimeMillis() < holdUntil) return true;
        synchronized (this) {
            if (holding) {
                LOG.warn("Filter(s) {} did not come back within {} s: delivery goes on without them", awaited, graceMillis / 1000);
                release("grace over");
            }
        }
        return false;
    }

    private synchronized void saveInUse() {
        if (inUseFile == null) return;
        Set<String> identities = new LinkedHashSet<>();
        slots.forEach(slot -> identities.add(slot.identity()));
        try {
            Path temp = inUseFile.resolveSibling("." + inUseFile.getFileName() + ".tmp");
            Files.writeString(temp, identities.isEmpty() ? "" : String.join("\n", identities) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, inUseFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Cannot record the filters in use in {}: {}", inUseFile, e.toString());
        }
    }

    /**
     * Leaves a filter whose {@code apply} hung out of every chain until a new version replaces it:
     * one filter that blocks must not stop every sink.
     */
    synchronized void quarantine(FilterSlot slot, String why) {
        if (slot.blocked() || !slots.contains(slot)) return;
        slot.block(why);
        LOG.error("Filter {} {} left out of the pipeline: {}; update or remove its bundle", slot.name, slot.version, why);
        chains.forEach(SinkFilters::rebuild);
    }

    /** One sink's chain: its own instance of each prototype-scope filter, and the thread it runs on. */
    final class SinkFilters implements Supplier<CursorFilter> {
        private final String sink;
        private final boolean receivesRelayed;
        private final Map<FilterSlot, EventFilter> instances = new HashMap<>();
        private final LongAdder filteredOut = new LongAdder();
        private volatile CursorFilter chain = CursorFilter.NONE;
        /** Runs the filters, so that the sink's thread can tell a filter that hangs; replaced when one did. */
        private ExecutorService worker;

        private SinkFilters(String sink, boolean receivesRelayed) {
            this.sink = sink;
            this.receivesRelayed = receivesRelayed;
        }

        @Override
        public CursorFilter get() {
            return held() ? null : chain;
        }

        /** Events the filters kept from this sink. */
        long filteredOut() {
            return filteredOut.sum();
        }

        private void rebuild() {
            List<FilterSlot> current = slots.stream().filter(slot -> !slot.blocked()).toList();
            List<FilterSlot> steps = new ArrayList<>();
            List<EventFilter> filters = new ArrayList<>();
            for (FilterSlot slot : current) {
                EventFilter instance = instances.get(slot);
                if (instance == null) {
                    try {
                        instance = slot.objects.getService();
                    } catch (RuntimeException e) {
                        slot.failed(e);
                    }
                    if (instance == null) {
                        LOG.error("Filter {} could not be activated for sink {}: events pass it unfiltered", slot.name, sink);
                        continue;
                    }
                    instances.put(slot, instance);
                }
                steps.add(slot);
                filters.add(instance);
            }
            new ArrayList<>(instances.keySet()).stream().filter(slot -> !current.contains(slot)).forEach(this::release);
            chain = new Chain(this, steps.toArray(FilterSlot[]::new), filters.toArray(EventFilter[]::new));
        }

        private void release(FilterSlot slot) {
            EventFilter instance = instances.remove(slot);
            try {
                slot.objects.ungetService(instance);
            } catch (RuntimeException e) {
                LOG.debug("Filter {} was already gone for sink {}: {}", slot.name, sink, e.toString());
            }
        }

        private void releaseAll() {
            new ArrayList<>(instances.keySet()).forEach(this::release);
            chain = CursorFilter.NONE;
            synchronized (this) {
                if (worker != null) worker.shutdownNow();
                worker = null;
            }
        }

        private synchronized ExecutorService worker() {
            if (worker == null) {
                worker = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "filters " + sink);
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return worker;
        }

        /** The worker is stuck in a filter: it is left to it, and the next batch gets a new one. */
        private synchronized void abandonWorker() {
            if (worker != null) worker.shutdown();
            worker = null;
        }
    }

    /** How far a batch got on the filter thread: written there, read by the sink's thread when it waits too long. */
    private static final class Progress {
        final Event[] out;
        /** The event being filtered; those before it are done. */
        volatile int event;
        volatile int step = -1;
        /** The event as it entered the current step. */
        volatile Event entering;

        Progress(int size, int from) {
            out = new Event[size];
            event = from;
        }
    }

    /**
     * An immutable chain a cursor applies to a whole batch, on its sink's filter thread (or, when it
     * holds only the daemon's own filters, on the sink's thread). A filter
     * that throws lets the event pass it unchanged (losing nothing) and is shown as failing; one
     * that does not return within {@link #HUNG_MILLIS} on one event is left out of every chain,
     * and that event passes it and the filters after it.
     */
    private final class Chain implements CursorFilter {
        private final SinkFilters owner;
        private final FilterSlot[] steps;
        private final EventFilter[] filters;
        /** Only the daemon's own filters: no thread to watch them on. */
        private final boolean onSinkThread;

        Chain(SinkFilters owner, FilterSlot[] steps, EventFilter[] filters) {
            this.owner = owner;
            this.steps = steps;
            this.filters = filters;
            this.onSinkThread = Arrays.stream(steps).allMatch(step -> step.ownFilter);
        }

        @Override
        public Event apply(Event event) {
            return apply(event, null);
        }

        @Override
        public Event[] applyAll(List<Event> events) throws InterruptedException {
            if (filters.length == 0 || events.isEmpty() || onSinkThread) return CursorFilter.super.applyAll(events);
            Event[] out = new Event[events.size()];
            Chain chain = this;
            int from = 0;
            while (from < events.size()) {
                int hung = chain.applyBounded(events, from, out);
                if (hung < 0) break;
                from = hung + 1;
                CursorFilter rebuilt = owner.chain; // without the filter that hung
                if (rebuilt instanceof Chain next) {
                    chain = next;
                } else { // the sink is closing
                    for (int i = from; i < out.length; i++) out[i] = rebuilt.apply(events.get(i));
                    break;
                }
            }
            return out;
        }

        /** Filters {@code events} from {@code from} on into {@code out}; -1 when done, else the index of the event a filter hung on. */
        private int applyBounded(List<Event> events, int from, Event[] out) throws InterruptedException {
            Progress progress = new Progress(events.size(), from);
            Future<?> run = owner.worker().submit(() -> {
                for (int i = from; i < events.size(); i++) {
                    progress.out[i] = apply(events.get(i), progress);
                    progress.event = i + 1;
                }
            });
            int lastEvent = -1;
            int lastStep = -1;
            long sameSince = System.nanoTime();
            while (true) {
                try {
                    run.get(HUNG_MILLIS / 10, TimeUnit.MILLISECONDS);
                    System.arraycopy(progress.out, from, out, from, events.size() - from);
                    return -1;
                } catch (TimeoutException slow) {
                    int event = progress.event;
                    int step = progress.step;
                    if (event != lastEvent || step != lastStep) {
                        lastEvent = event;
                        lastStep = step;
                        sameSince = System.nanoTime();
                    } else if (step >= 0 && System.nanoTime() - sameSince > TimeUnit.MILLISECONDS.toNanos(HUNG_MILLIS)) {
                        // Everything before the event it hangs on is done (the volatile event index says so).
                        System.arraycopy(progress.out, from, out, from, event - from);
                        out[event] = progress.entering;
                        owner.abandonWorker();
                        quarantine(steps[step], "apply() did not return within " + HUNG_MILLIS / 1000 + " s");
                        return event;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("filter chain failed", e.getCause()); // apply catches what filters throw
                }
            }
        }

        /** Runs the chain on one event, telling {@code progress} (when given) which step it is at. */
        private Event apply(Event event, Progress progress) {
            if (!owner.receivesRelayed && LOCAL_ONLY.apply(event) == null) return null;
            for (int i = 0; i < filters.length; i++) {
                if (progress != null) {
                    progress.entering = event;
                    progress.step = i;
                }
                Event out;
                try {
                    out = filters[i].apply(event);
                } catch (RuntimeException | LinkageError e) {
                    steps[i].failed(e);
                    continue;
                }
                if (out == null) {
                    steps[i].dropped();
                    owner.filteredOut.increment();
                    return null;
                }
                if (out != event) steps[i].rewritten();
                event = out;
            }
            return event;
        }
    }
}
