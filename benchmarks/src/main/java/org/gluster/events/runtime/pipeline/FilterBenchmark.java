package org.gluster.events.runtime.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.gluster.events.benchmarks.HotPath;
import org.gluster.events.benchmarks.SampleEvents;
import org.gluster.events.filter.dedupe.DedupeFilters;
import org.gluster.events.filter.keyglob.KeyGlobFilters;
import org.gluster.events.runtime.journal.CursorFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The global filters as a sink's cursor runs them: key-glob (a few disabled patterns; the event is not
 * one of them) and dedupe (on, 10 s window) alone, then both in the chain {@link FilterChains} builds
 * for a webhook. Two streams: a burst of distinct BRICK_DISCONNECTED events (each one passes; dedupe
 * remembers 10,000 of them and forgets the oldest) and a storm of one identical event (dedupe drops
 * it). In this package because the chain is the pipeline's own.
 */
@State(Scope.Thread)
public class FilterBenchmark extends HotPath {
    /** Distinct events cycled through: more than dedupe remembers, so each is new to it when it comes again. */
    private static final int DISTINCT = 16_384;
    /** The largest batch a webhook's cursor reads at once. */
    private static final int BATCH = 256;

    private final Event[] distinct = new Event[DISTINCT];
    private final Event storm = SampleEvents.received(SampleEvents.BRICK_DISCONNECTED);
    private final List<List<Event>> batches = new ArrayList<>();
    private final EventFilter keyGlob = KeyGlobFilters.disabling("Volume.Set", "PEER_*", "Georep.*");
    private final EventFilter dedupe = DedupeFilters.folding("10s");
    /**
     * Whose bundles the filters come from: the daemon's own run on the cursor's thread; any other's
     * on the sink's filter thread, watched for a filter that hangs.
     */
    @Param({"daemon", "third-party"})
    public String origin;

    private FilterChains chains;
    private FilterChains.SinkFilters sink;
    private CursorFilter chain;
    private int next;
    private int nextBatch;

    @Setup
    public void setUp() {
        for (int i = 0; i < DISTINCT; i++) distinct[i] = SampleEvents.brickDisconnected(i);
        List<Event> all = List.of(distinct);
        for (int from = 0; from < DISTINCT; from += BATCH) batches.add(all.subList(from, from + BATCH));
        chains = new FilterChains(FilterChains.GRACE_MILLIS);
        String prefix = origin.equals("daemon") ? FilterSlot.OWN_FILTERS_PREFIX : "org.example.filter.";
        chains.add(new FilterSlot(TestServices.filter(prefix + "keyglob", "1.0.0", "key-glob", 1000,
                () -> KeyGlobFilters.disabling("Volume.Set", "PEER_*", "Georep.*"))));
        chains.add(new FilterSlot(TestServices.filter(prefix + "dedupe", "1.0.0", "dedupe", 500,
                () -> DedupeFilters.folding("10s"))));
        sink = chains.open("webhook:http://127.0.0.1:9999/listen", false);
        chain = sink.get();
    }

    @TearDown
    public void tearDown() {
        chains.close(sink);
    }

    private Event nextDistinct() {
        Event event = distinct[next];
        next = (next + 1) % DISTINCT;
        return event;
    }

    @Benchmark
    public Event keyGlob() {
        return keyGlob.apply(nextDistinct());
    }

    @Benchmark
    public Event dedupeDistinct() {
        return dedupe.apply(nextDistinct());
    }

    @Benchmark
    public Event dedupeStorm() {
        return dedupe.apply(storm);
    }

    /** Both filters through the sink's chain, one event at a time, on the calling thread. */
    @Benchmark
    public Event chainApply() {
        return chain.apply(nextDistinct());
    }

    /**
     * A poll of one event as a cursor filters it ({@code applyAll}): for third-party filters on the
     * sink's filter thread, which the cursor's thread waits for, so that a hung filter can be told.
     */
    @Benchmark
    public Event[] chainApplyAllOne() throws InterruptedException {
        return chain.applyAll(List.of(nextDistinct()));
    }

    /** A full poll of {@value #BATCH} events, the same way; the time is per event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Event[] chainApplyAllBatch() throws InterruptedException {
        List<Event> batch = batches.get(nextBatch);
        nextBatch = (nextBatch + 1) % batches.size();
        return chain.applyAll(batch);
    }
}
