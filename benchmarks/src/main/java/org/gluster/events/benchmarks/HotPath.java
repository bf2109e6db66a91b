package org.gluster.events.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark of the hot path shares (JMH reads these annotations from the superclass):
 * the average time of one operation in nanoseconds; one forked JVM with the heap and collector
 * {@code bin/glustereventsd} starts the daemon with, logging warnings only ({@link QuietLogging});
 * 3 × 1 s of warm-up and 5 × 1 s of measurement, so that the whole suite runs in a few minutes.
 * Options given to {@code benchmarks.jar} ({@code -f}, {@code -wi}, {@code -i}, ...) override them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms128m", "-Xmx512m", "-Xmn32m", "-XX:+UseSerialGC",
        "-Djava.util.logging.config.class=org.gluster.events.benchmarks.QuietLogging"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class HotPath {
}
