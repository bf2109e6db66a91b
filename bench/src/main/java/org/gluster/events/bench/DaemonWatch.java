package org.gluster.events.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's process while the tool runs: its CPU time and resident memory from {@code /proc},
 * read every 100 ms for the peak, and its heap from {@code jstat -gc PID 500} (one {@code jstat}
 * for the whole run, from the JDK this tool runs on).
 */
final class DaemonWatch implements AutoCloseable {
    private static final long JSTAT_INTERVAL_MILLIS = 500;

    private final long pid;
    private final Thread rssSampler = new Thread(this::sampleRss, "daemon-rss");
    private final Process jstat;
    private volatile boolean running = true;
    private volatile long peakRssKib;
    private volatile Heap heap;
    private volatile double peakHeapMib;
    private volatile double peakOldGenMib;

    DaemonWatch(long pid) {
        this.pid = pid;
        rssSampler.setDaemon(true);
        rssSampler.start();
        Process started = null;
        try {
            started = new ProcessBuilder(jdkTool("jstat").toString(), "-gc", Long.toString(pid), Long.toString(JSTAT_INTERVAL_MILLIS))
                    .redirectErrorStream(true).start();
            Process reading = started;
            Thread reader = new Thread(() -> readJstat(reading), "daemon-jstat");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            System.err.println("gluster-events-bench: no heap figures: " + e.getMessage());
        }
        this.jstat = started;
    }

    /** CPU seconds (user and system) and resident memory of the process now; zeros when it is gone. */
    record ProcSample(double cpuSeconds, long rssKib) {
        static ProcSample of(long pid) {
            Path proc = Path.of("/proc", String.valueOf(pid));
            try {
                String stat = Files.readString(proc.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                long rss = 0;
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
                return new ProcSample(ticks / 100.0, rss);
            } catch (IOException | RuntimeException e) {
                return new ProcSample(0, 0);
            }
        }
    }

    /** The heap in use (survivors, eden and old generation) and the old generation's part, in MiB. */
    record Heap(double usedMib, double oldGenMib) {
        /** From a {@code jstat -gc} header line and one of its value lines (KiB); null if they do not fit. */
        static Heap parse(String header, String line) {
            List<String> names = List.of(header.trim().split("\\s+"));
            String[] values = line.trim().split("\\s+");
            if (values.length != names.size()) return null;
            double used = 0;
            for (String column : List.of("S0U", "S1U", "EU", "OU")) used += kib(names, values, column);
            return new Heap(used / 1024, kib(names, values, "OU") / 1024);
        }

        private static double kib(List<String> names, String[] values, String column) {
            int at = names.indexOf(column);
            if (at < 0) return 0;
            try {
                return Double.parseDouble(values[at]);
            } catch (NumberFormatException e) {
                return 0; // "-": a collector without that space
            }
        }
    }

    ProcSample sample() {
        return ProcSample.of(pid);
    }

    long peakRssKib() {
        return Math.max(peakRssKib, sample().rssKib());
    }

    /** The last heap figures jstat gave, or null when it gave none. */
    Heap heap() {
        return heap;
    }

    double peakHeapMib() {
        return peakHeapMib;
    }

    double peakOldGenMib() {
        return peakOldGenMib;
    }

    private void sampleRss() {
        while (running) {
            peakRssKib = Math.max(peakRssKib, ProcSample.of(pid).rssKib());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readJstat(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String header = lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Heap read = header == null ? null : Heap.parse(header, line);
                if (read == null) continue;
                heap = read;
                peakHeapMib = Math.max(peakHeapMib, read.usedMib());
                peakOldGenMib = Math.max(peakOldGenMib, read.oldGenMib());
            }
        } catch (IOException e) {
            // jstat ended
        }
    }

    /**
     * Runs {@code jcmd PID GC.run} (a full collection), then reads the heap once: what the daemon
     * holds live. Null when either tool fails.
     */
    static Heap heapAfterFullGc(long pid) {
        try {
            if (run(jdkTool("jcmd").toString(), Long.toString(pid), "GC.run") == null) return null;
            List<String> out = run(jdkTool("jstat").toString(), "-gc", Long.toString(pid));
            return out == null || out.size() < 2 ? null : Heap.parse(out.get(0), out.get(1));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The lines a command printed, or null when it failed or took more than 30 s. */
    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) lines.add(line);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return process.exitValue() == 0 ? lines : null;
    }

    /** {@code bin/<name>} of the JDK this tool runs on. */
    static Path jdkTool(String name) {
        return Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling(name);
    }

    @Override
    public void close() {
        running = false;
        rssSampler.interrupt();
        if (jstat != null) jstat.destroy();
    }
}
