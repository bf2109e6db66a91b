package org.gluster.events.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.gluster.events.api.codec.EventJson;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gluster-events-bench}: sends N stamped events over UDP at a rate (or as fast as it can),
 * receives them on its own webhook, and reports what arrived (delivered, lost, duplicated, out of
 * order), the throughput, the emit-to-receipt latency percentiles, and the daemon's CPU and memory.
 */
@Command(name = "gluster-events-bench", mixinStandardHelpOptions = true,
        description = {"Load a running glustereventsd and measure what its webhook delivers.",
                "Register the receiver first: gluster-eventsapi webhook-add http://127.0.0.1:<receiver-port>/listen"})
public final class Bench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-n", "--count"}, description = "Events to send (default: ${DEFAULT-VALUE}).")
    int count = 10_000;

    @Option(names = {"-r", "--rate"}, description = "Events per second; 0 sends as fast as it can (default: ${DEFAULT-VALUE}).")
    int rate = 0;

    @Option(names = "--udp", description = "host:port of the daemon's UDP source (default: ${DEFAULT-VALUE}).")
    String udp = "127.0.0.1:55555";

    @Option(names = "--receiver-port", description = "Port of this tool's webhook receiver (default: ${DEFAULT-VALUE}).")
    int receiverPort = 9999;

    @Option(names = "--pid", description = "The daemon's pid, to report its CPU time and resident memory.")
    long pid;

    @Option(names = "--padding", description = "Extra bytes in each event's message, to vary the event size (default: ${DEFAULT-VALUE}).")
    int padding = 0;

    @Option(names = "--wait", description = "Seconds to wait for the last deliveries (default: ${DEFAULT-VALUE}).")
    int waitSeconds = 60;

    @Option(names = "--warmup", description = "Events sent first, at the same rate, and waited for but not measured: "
            + "both JVMs compile their hot paths and open their connections (default: ${DEFAULT-VALUE}).")
    int warmup = 2_000;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    public static void main(String[] args) {
        // Without TCP_NODELAY the JDK server's answer can wait on the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    private long[] latencyMicros;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger outOfOrder = new AtomicInteger();
    private final AtomicLong firstReceipt = new AtomicLong();
    private final AtomicLong lastReceipt = new AtomicLong();
    private long lastSeq = -1;
    private final AtomicInteger warmupReceived = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        latencyMicros = new long[count];
        Arrays.fill(latencyMicros, -1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", receiverPort), 256);
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            record(body, System.nanoTime() / 1000); // before answering: the next delivery waits for the answer
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();

        String[] hostPort = udp.split(":");
        InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        if (warmup > 0) {
            send(target, warmup, "warmup");
            long warmupDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (warmupReceived.get() < warmup && System.nanoTime() < warmupDeadline) Thread.sleep(50);
        }
        ProcessSample before = ProcessSample.of(pid);
        long started = System.nanoTime();
        send(target, count, "bench");
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        long peakRss = 0;
        int lastCount = -1;
        long quietSince = System.nanoTime();
        while (received.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            peakRss = Math.max(peakRss, ProcessSample.of(pid).rssKib());
            if (received.get() != lastCount) {
                lastCount = received.get();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(10)) {
                break; // nothing arrived for 10 s: the rest is lost
            }
        }
        Thread.sleep(300); // late duplicates
        ProcessSample after = ProcessSample.of(pid);
        receiver.stop(0);
        ((java.util.concurrent.ExecutorService) receiver.getExecutor()).shutdownNow();

        long[] latencies = Arrays.stream(latencyMicros).filter(l -> l >= 0).sorted().toArray();
        double deliverySeconds = (lastReceipt.get() - firstReceipt.get()) / 1e6;
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sent", count);
        report.put("send_seconds", round(sendSeconds));
        report.put("send_rate", Math.round(count / sendSeconds));
        report.put("delivered", received.get());
        report.put("lost", count - received.get());
        report.put("duplicated", duplicates.get());
        report.put("out_of_order", outOfOrder.get());
        report.put("delivery_rate", deliverySeconds > 0 ? Math.round(received.get() / deliverySeconds) : 0);
        report.put("latency_ms", Map.of(
                "p50", percentile(latencies, 0.50), "p99", percentile(latencies, 0.99),
                "p99_9", percentile(latencies, 0.999), "max", latencies.length == 0 ? 0 : round(latencies[latencies.length - 1] / 1000.0)));
        if (pid > 0) {
            report.put("daemon_cpu_seconds", round(after.cpuSeconds() - before.cpuSeconds()));
            report.put("daemon_cpu_percent", Math.round(100 * (after.cpuSeconds() - before.cpuSeconds()) / wallSeconds));
            report.put("daemon_peak_rss_mib", Math.round(Math.max(peakRss, after.rssKib()) / 1024.0));
        }
        if (json) {
            System.out.println(EventJson.toJson(report));
        } else {
            report.forEach((k, v) -> System.out.printf("%-22s %s%n", k, v));
        }
        return received.get() == count && duplicates.get() == 0 ? 0 : 1;
    }

    /** Sends {@code n} stamped events at the rate; {@code phase} is {@code warmup} or {@code bench}. */
    private void send(InetSocketAddress target, int n, String phase) throws IOException {
        long started = System.nanoTime();
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(target);
            String pad = padding > 0 ? ";pad=" + "x".repeat(padding) : "";
            long ts = System.currentTimeMillis() / 1000;
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long early = started + (long) i * 1_000_000_000L / rate - System.nanoTime();
                    if (early > 100_000) LockSupport.parkNanos(early);
                }
                String text = ts + " 79 " + phase + "=1;seq=" + i + ";sent=" + System.nanoTime() / 1000 + pad;
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            }
        }
    }

    /** One delivery: its latency, or a duplicate; and whether it came after a later one. */
    private void record(byte[] body, long nowMicros) throws IOException {
        Map<?, ?> message = (Map<?, ?>) JSON.readValue(body, Map.class).get("message");
        if (message != null && message.get("warmup") != null) warmupReceived.incrementAndGet();
        if (message == null || message.get("bench") == null) return;
        int seq = Integer.parseInt((String) message.get("seq"));
        long sent = Long.parseLong((String) message.get("sent"));
        synchronized (this) {
            if (seq < 0 || seq >= count) return;
            if (latencyMicros[seq] >= 0) {
                duplicates.incrementAndGet();
                return;
            }
            latencyMicros[seq] = nowMicros - sent;
            if (seq < lastSeq) outOfOrder.incrementAndGet();
            lastSeq = seq;
        }
        if (received.incrementAndGet() == 1) firstReceipt.set(nowMicros);
        lastReceipt.set(nowMicros);
    }

    private static double percentile(long[] sortedMicros, double quantile) {
        if (sortedMicros.length == 0) return 0;
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(quantile * sortedMicros.length) - 1);
        return round(sortedMicros[Math.max(0, index)] / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** CPU time and resident memory of a process, from /proc. */
    record ProcessSample(double cpuSeconds, long rssKib) {
        static ProcessSample of(long pid) throws IOException {
            if (pid <= 0) return new ProcessSample(0, 0);
            Path proc = Path.of("/proc", String.valueOf(pid));
            if (!Files.exists(proc)) return new ProcessSample(0, 0);
            String stat = Files.readString(proc.resolve("stat"));
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            double ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)); // utime, stime
            long rss = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
            return new ProcessSample(ticks / 100.0, rss);
        }
    }
}
