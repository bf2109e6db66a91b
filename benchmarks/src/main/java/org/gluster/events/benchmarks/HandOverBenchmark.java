package org.gluster.events.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one hand-over between two threads costs, as a distribution: the benchmark thread wakes a
 * parked thread and parks until that one wakes it back (two wake-ups per operation). An event
 * crosses several such hand-overs between the UDP socket and a webhook (receiver, decoder, sink,
 * the HTTP client's selector and back), so their tail is the floor of the delivery latency's tail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandOverBenchmark extends HotPath {
    private volatile boolean handedOver;
    private volatile boolean stopped;
    private volatile Thread caller;
    private Thread partner;

    @Setup(Level.Trial)
    public void startPartner() {
        partner = new Thread(() -> {
            while (!stopped) {
                if (handedOver) {
                    handedOver = false;
                    LockSupport.unpark(caller);
                } else {
                    LockSupport.park(this);
                }
            }
        }, "partner");
        partner.setDaemon(true);
        partner.start();
    }

    @TearDown(Level.Trial)
    public void stopPartner() throws InterruptedException {
        stopped = true;
        LockSupport.unpark(partner);
        partner.join(1000);
    }

    @Benchmark
    public void handOverAndBack() {
        caller = Thread.currentThread();
        handedOver = true;
        LockSupport.unpark(partner);
        while (handedOver) LockSupport.park(this);
    }
}
