package org.gluster.events.runtime.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventEmitter;
import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventSink;
import org.gluster.events.api.EventSource;
import org.gluster.events.api.codec.AttributeConversions;
import org.gluster.events.runtime.cluster.RelayInbox;
import org.gluster.events.runtime.journal.Journal;
import org.gluster.events.runtime.node.NodeIdentity;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceScope;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: starts every {@link EventSource} with an emitter that stamps, converts and journals
 * what it decodes; opens every {@link EventSink} on its own journal cursor, through its own chain of
 * the {@link EventFilter}s in ranking order ({@link FilterChains}).
 */
@Component(service = {Pipeline.class, RelayInbox.class}, immediate = true)
public final class Pipeline implements RelayInbox {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long SOURCE_RETRY_SECONDS = 5;
    private static final long STALLED_SECONDS = 60;
    /** Events peers relayed are counted as received by this source (their route is /v1/listen). */
    private static final String RELAY_SOURCE = "peer-listen";

    @Reference
    private Journal journal;
    /** Declarative Services' view of the components: says which plugins failed before the pipeline saw them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;
    private String nodeId;
    private final EventIds ids = new EventIds();
    private final RejectedInputs rejected = new RejectedInputs();
    private final AtomicLong accepted = new AtomicLong();
    private final ReceivedEvents received = new ReceivedEvents();
    private final RecentRates recentRates = new RecentRates();
    private final Map<String, LongAdder> relayedByType = received.of(RELAY_SOURCE);
    private final AtomicLong relayedIn = new AtomicLong();
    private final AtomicLong relayedDuplicates = new AtomicLong();
    /** Per origin node, the newest event id journaled from it: a peer's retry of a batch we took is no news. Guarded by itself. */
    private final Map<String, String> lastRelayedIds = new HashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "pipeline-source-retry"));

    private final Map<EventSource, SourceState> sources = new ConcurrentHashMap<>();
    /** By name. */
    private final Map<String, SinkHandle> sinks = new ConcurrentHashMap<>();
    /** By service id. */
    private final Map<Long, FilterSlot> filterSlots = new ConcurrentHashMap<>();
    private final FilterChains filterChains = new FilterChains(FilterChains.GRACE_MILLIS);
    private BundleContext context;
    private final BundleListener uninstalls = event -> {
        if (event.getType() == BundleEvent.UNINSTALLED) filterChains.uninstalled(event.getBundle().getSymbolicName());
    };
    private volatile boolean active;
    /** Whether the sources receive: {@code gluster-eventsapi stop} turns it off, and it stays off across restarts. */
    private volatile boolean eventing = true;
    private Path stoppedMarker;

    @Activate
    void activate(BundleContext context) throws IOException {
        RuntimeLayout layout = RuntimeLayout.from(context);
        nodeId = NodeIdentity.resolve(layout.workdir());
        stoppedMarker = layout.eventsDir().resolve("eventing.stopped");
        eventing = !Files.exists(stoppedMarker);
        this.context = context;
        context.addBundleListener(uninstalls);
        filterChains.awaitInUse(layout.eventsDir().resolve("filters-in-use"));
        LOG.info("Pipeline ready on node {}{}", nodeId, eventing ? "" : "; eventing is stopped (gluster-eventsapi start resumes it)");
        synchronized (this) {
            active = true;
            sinks.values().forEach(handle -> handle.open(journal, filterChains));
            sources.keySet().forEach(this::startSource);
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            sources.keySet().forEach(this::stopSource);
            sinks.values().forEach(handle -> handle.close(journal, filterChains));
        }
        context.removeBundleListener(uninstalls);
        retries.shutdownNow();
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Starts or stops eventing on this node: stopped, the sources release their sockets and accept
     * nothing, while the sinks go on delivering what was accepted (they drain) and keep their
     * positions; the runtime and its API stay up, so eventing can be started again remotely.
     */
    public synchronized void setEventing(boolean on) throws IOException {
        if (on == eventing) return;
        if (on) Files.deleteIfExists(stoppedMarker);
        else Files.writeString(stoppedMarker, "stopped by gluster-eventsapi stop\n");
        eventing = on;
        if (on) sources.keySet().forEach(this::startSource);
        else sources.keySet().forEach(this::stopSource);
        LOG.info("Eventing {}", on ? "started" : "stopped: sources closed, sinks drain what was accepted");
    }

    public boolean eventing() {
        return eventing;
    }

    // --- sources

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSource(EventSource source) {
        sources.put(source, new SourceState(source.name()));
        if (active) startSource(source);
    }

    synchronized void removeSource(EventSource source) {
        if (sources.containsKey(source)) stopSource(source);
        sources.remove(source);
    }

    private void startSource(EventSource source) {
        SourceState state = sources.get(source);
        if (state == null || !active || !eventing) return;
        try {
            source.start(new SourceEmitter(source.name()));
            state.running = true;
            state.error = null;
            LOG.info("Source {} started", source.name());
        } catch (Exception | LinkageError e) {
            state.error = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("Source {} could not start: {}; retrying in {} s", source.name(), state.error, SOURCE_RETRY_SECONDS);
            retries.schedule(() -> {
                synchronized (this) {
                    if (sources.get(source) == state && !state.running) startSource(source);
                }
            }, SOURCE_RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void stopSource(EventSource source) {
        SourceState state = sources.get(source);
        if (state == null || !state.running) return;
        try {
            source.stop();
        } catch (RuntimeException e) {
            LOG.warn("Source {} failed to stop cleanly", source.name(), e);
        }
        state.running = false;
        LOG.info("Source {} stopped", source.name());
    }

    /** The emitter one source gets: everything it hands over is stamped, converted and journaled. */
    private final class SourceEmitter implements EventEmitter {
        private final String source;
        private final Map<String, LongAdder> receivedByType;

        SourceEmitter(String source) {
            this.source = source;
            this.receivedByType = received.of(source);
        }

        @Override
        public boolean emit(Event event) {
            try {
                Event received = AttributeConversions.apply(event).received(ids.next(), nodeId);
                journal.append(received);
                accepted.incrementAndGet();
                countReceived(receivedByType, received.name());
                return true;
            } catch (RuntimeException e) {
                rejected.reject(source, "journal", "could not journal " + event.name() + ": " + e);
                return false;
            }
        }

        @Override
        public void reject(String reason, String detail) {
            rejected.reject(source, reason, detail);
        }
    }

    /** Counts a journaled event for /metrics (per source and type) and for the recent rates (per type). */
    private void countReceived(Map<String, LongAdder> sourceCounts, String type) {
        ReceivedEvents.count(sourceCounts, type);
        recentRates.count(type, System.currentTimeMillis());
    }

    // --- events relayed by peers

    /**
     * Journals events a peer relayed, as they are: a peer retries a batch whose answer it did not
     * get, and events of one origin come in its order, so one not newer than the last taken from
     * that origin is a duplicate and is skipped.
     */
    @Override
    public void accept(List<Event> events) {
        synchronized (lastRelayedIds) {
            for (Event event : events) {
                String last = lastRelayedIds.get(event.nodeId());
                if (last != null && event.id().compareTo(last) <= 0) {
                    relayedDuplicates.incrementAndGet();
                    continue;
                }
                journal.append(event.asRelayed());
                lastRelayedIds.put(event.nodeId(), event.id());
                relayedIn.incrementAndGet();
                countReceived(relayedByType, event.name());
            }
        }
    }

    // --- filters

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, scope = ReferenceScope.PROTOTYPE)
    synchronized void addFilter(ComponentServiceObjects<EventFilter> filter) {
        FilterSlot slot = new FilterSlot(filter);
        filterSlots.put(slot.serviceId, slot);
        filterChains.add(slot);
    }

    synchronized void removeFilter(ComponentServiceObjects<EventFilter> filter) {
        FilterSlot slot = filterSlots.remove((Long) filter.getServiceReference().getProperty(Constants.SERVICE_ID));
        // While the pipeline runs, a filter that goes is most likely being replaced: wait for it.
        if (slot != null) filterChains.remove(slot, active);
    }

    // --- sinks

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSink(EventSink sink, ServiceReference<EventSink> reference) {
        String name;
        try {
            name = sink.name();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("A sink of bundle {} has no name and is left out", reference.getBundle().getSymbolicName(), e);
            return;
        }
        SinkHandle handle = new SinkHandle(sink, name, reference.getBundle().getSymbolicName(), reference.getBundle().getVersion().toString());
        SinkHandle replaced = sinks.put(name, handle);
        if (replaced != null) LOG.warn("Two sinks are named {}: the one of bundle {} takes the cursor", name, handle.bundle);
        if (active) handle.open(journal, filterChains);
    }

    synchronized void removeSink(EventSink sink) {
        for (SinkHandle handle : sinks.values()) {
            if (handle.sink != sink) continue;
            if (active) handle.close(journal, filterChains);
            sinks.remove(handle.name, handle);
            return;
        }
    }

    // --- status

    /**
     * The whole cluster's events journaled here per type, in periods of 10 s up to now: {@code bucket_seconds, end (Unix seconds of the end of the last period), types -> counts
     * (oldest first)}.
     */
    public Map<String, Object> recentRates() {
        long now = System.currentTimeMillis();
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("bucket_seconds", RecentRates.BUCKET_SECONDS);
        rates.put("end", (now / 1000 / RecentRates.BUCKET_SECONDS + 1) * RecentRates.BUCKET_SECONDS);
        rates.put("types", recentRates.counts(now));
        return rates;
    }

    /** Events accepted since the daemon started: {@code source -> event type -> count}, sorted. */
    public Map<String, Map<String, Long>> receivedCounts() {
        return received.counts();
    }

    /** What {@code /v1/health} and {@code status} show of the pipeline. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("nodeid", nodeId);
        status.put("eventing", eventing ? "started" : "stopped");
        status.put("accepted", accepted.get());
        status.put("relayed_in", relayedIn.get());
        status.put("relayed_duplicates", relayedDuplicates.get());
        status.put("rejected", rejected.counts());
        List<Map<String, Object>> sourceList = new ArrayList<>();
        sources.values().forEach(state -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", state.name);
            s.put("running", state.running);
            if (state.error != null) s.put("error", state.error);
            sourceList.add(s);
        });
        status.put("sources", sourceList);
        List<Map<String, Object>> sinkList = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Journal.CursorStatus cursor : journal.cursors()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", cursor.name());
            s.put("open", cursor.open());
            s.put("pending", cursor.pending());
            s.put("oldest_pending_seconds", cursor.oldestPendingMillis() == 0 ? 0
                    : Math.max(0, (now - cursor.oldestPendingMillis()) / 1000.0));
            s.put("evicted_unread", cursor.evictedUnread());
            SinkHandle handle = sinks.get(cursor.name());
            Map<String, Object> own = Map.of();
            String ownStatusError = null;
            if (handle != null) {
                try {
                    own = handle.sink.status();
                } catch (RuntimeException | LinkageError e) {
                    ownStatusError = e.toString();
                }
            }
            s.put("state", sinkState(handle, cursor, own, now));
            if (handle != null) {
                if (handle.error() != null) s.put("error", handle.error());
                else if (cursor.readerDied()) s.put("error", "its delivery thread ended (see the log)");
                s.put("bundle", handle.bundle);
                s.put("version", handle.version);
                s.put("filtered_out", handle.filteredOut());
                s.putAll(own);
                if (ownStatusError != null) s.put("status_error", ownStatusError);
            }
            sinkList.add(s);
        }
        status.put("sinks", sinkList);
        status.put("journal", journal.status());
        List<Map<String, Object>> filterList = new ArrayList<>();
        filterChains.slots().forEach(slot -> filterList.add(slot.status()));
        status.put("filters", filterList);
        List<String> awaited = filterChains.awaited();
        if (!awaited.isEmpty()) status.put("delivery_holding_for", awaited);
        try {
            status.put("failed_plugins", FailedPlugins.of(components));
        } catch (RuntimeException e) {
            status.put("failed_plugins", List.of(Map.of("error", "cannot ask Declarative Services: " + e)));
        }
        return status;
    }

    /**
     * {@code open}; {@code stalled} when it has had events pending and acknowledged none for
     * {@value #STALLED_SECONDS} s (a webhook that is down, a sink that hangs); {@code failed} when it
     * could not open or its delivery thread ended; {@code closed} when no sink uses the cursor. A sink
     * that counts its own pending events ({@code own}: the WebSocket sink keeps the last ones
     * unacknowledged on purpose) is stalled only when its own figures say so too.
     */
    private static String sinkState(SinkHandle handle, Journal.CursorStatus cursor, Map<String, Object> own, long now) {
        if (handle == null) return "closed";
        String state = handle.state();
        if (!"open".equals(state)) return state;
        if (cursor.readerDied()) return "failed";
        boolean cursorStalled = cursor.pending() > 0 && now - cursor.progressMillis() > STALLED_SECONDS * 1000;
        boolean ownStalled = !(own.get("pending") instanceof Number pending)
                || (pending.longValue() > 0 && own.get("oldest_pending_seconds") instanceof Number age && age.doubleValue() > STALLED_SECONDS);
        return cursorStalled && ownStalled ? "stalled" : state;
    }

    private static final class SourceState {
        final String name;
        volatile boolean running;
        volatile String error;

        SourceState(String name) {
            this.name = name;
        }
    }
}
