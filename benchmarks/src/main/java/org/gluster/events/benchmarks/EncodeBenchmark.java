package org.gluster.events.benchmarks;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON body every consumer gets (PROTOCOL §2a, {@link EventJson#toJson(Event)}): the webhook body,
 * the events log line, and the heart of each WebSocket frame ({@code WebSocketFrameBenchmark}) and
 * journal record.
 */
@State(Scope.Benchmark)
public class EncodeBenchmark extends HotPath {
    @Param({SampleEvents.BRICK_DISCONNECTED, SampleEvents.VOLUME_CREATE, SampleEvents.VOLUME_SET})
    public String event;

    private Event received;

    @Setup
    public void setUp() {
        received = SampleEvents.received(event);
    }

    @Benchmark
    public String eventJson() {
        return EventJson.toJson(received);
    }
}
