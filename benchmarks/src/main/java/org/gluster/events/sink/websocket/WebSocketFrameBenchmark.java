package org.gluster.events.sink.websocket;

import org.gluster.events.api.Event;
import org.gluster.events.benchmarks.HotPath;
import org.gluster.events.benchmarks.SampleEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the WebSocket sink does once per event for all its clients ({@link StreamHistory#append}): the
 * event's JSON with the stream position spliced in as its {@code id}, as UTF-8 bytes ready to send,
 * into the history every client reads from (the daemon's default size: 50,000 events, 32 MiB).
 * The history takes only events newer than the last of their origin, so the events here carry
 * increasing ids; when they run out, a new history starts. In this package because the history is
 * the sink's own.
 */
@State(Scope.Thread)
public class WebSocketFrameBenchmark extends HotPath {
    private static final int EVENTS = 1 << 16;

    private final Event[] events = new Event[EVENTS];
    private StreamHistory history;
    private int next = EVENTS;

    @Setup
    public void setUp() {
        for (int i = 0; i < EVENTS; i++) events[i] = SampleEvents.brickDisconnected(i);
    }

    @Benchmark
    public boolean frame() {
        if (next == EVENTS) {
            history = new StreamHistory(50_000, 32L << 20);
            next = 0;
        }
        return history.append(events[next++]);
    }
}
