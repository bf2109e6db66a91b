package org.gluster.events.benchmarks;

import java.nio.charset.StandardCharsets;

import org.gluster.events.api.Event;
import org.gluster.events.api.codec.EventDecoder;
import org.gluster.events.api.codec.MalformedEventException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a source does with each datagram it receives: {@link EventDecoder#decode(byte[], int, int, long)}
 * of the UDP text form ({@code <ts> <code> k=v;..}) and of the JSON form, for BRICK_DISCONNECTED with
 * an extra attribute of {@code padding} bytes.
 */
@State(Scope.Benchmark)
public class DecodeBenchmark extends HotPath {
    @Param({"0", "1024", "8192"})
    public int padding;

    private byte[] udpText;
    private byte[] json;

    @Setup
    public void setUp() {
        udpText = SampleEvents.udpText(padding).getBytes(StandardCharsets.UTF_8);
        json = SampleEvents.json(padding).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Event udpText() throws MalformedEventException {
        return EventDecoder.decode(udpText, 0, udpText.length, SampleEvents.TS);
    }

    @Benchmark
    public Event json() throws MalformedEventException {
        return EventDecoder.decode(json, 0, json.length, SampleEvents.TS);
    }
}
