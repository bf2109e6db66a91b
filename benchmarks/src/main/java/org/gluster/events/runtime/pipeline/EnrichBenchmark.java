package org.gluster.events.runtime.pipeline;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.AttributeConversions;
import org.gluster.events.benchmarks.HotPath;
import org.gluster.events.benchmarks.SampleEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the pipeline does to a decoded event before it journals it ({@code Pipeline.SourceEmitter.emit}):
 * the attribute conversions of PROTOCOL §1c, then the event's id and this node's id. In this package
 * because {@link EventIds} is the pipeline's own.
 */
@State(Scope.Benchmark)
public class EnrichBenchmark extends HotPath {
    private final EventIds ids = new EventIds();

    /** BRICK_DISCONNECTED has nothing to convert; VOLUME_SET's options become pairs. */
    @State(Scope.Benchmark)
    public static class Decoded {
        @Param({SampleEvents.BRICK_DISCONNECTED, SampleEvents.VOLUME_SET})
        public String event;

        Event decoded;

        @Setup
        public void setUp() {
            decoded = SampleEvents.decoded(event);
        }
    }

    @Benchmark
    public Event enrich(Decoded in) {
        return AttributeConversions.apply(in.decoded).received(ids.next(), SampleEvents.NODE_ID);
    }

    /** The id alone (a UUID version 7 with 62 random bits), to see its share of {@link #enrich}. */
    @Benchmark
    public String eventId() {
        return ids.next();
    }
}
