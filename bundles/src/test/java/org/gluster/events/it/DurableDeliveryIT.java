package org.gluster.events.it;

import static org.gluster.events.it.Sequences.range;
import static org.gluster.events.it.Sequences.seq;
import static org.gluster.events.it.Sequences.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At-least-once, in order, per webhook: through receiver outages, kill -9, reloads and a damaged journal. */
class DurableDeliveryIT {

    @TempDir
    Path workdir;

    @Test
    void tenThousandEventsSentWhileTheReceiverIsDownAllArriveInOrderOnceItIsBack() throws Exception {
        int port = DaemonProcess.freeTcpPort();
        String url = "http://127.0.0.1:" + port + "/listen";
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + url + "\": {}}").start();
            send(daemon, 0, 10_000, 0);
            awaitAccepted(daemon, 10_000);
            assertEquals(10_000L, pending(daemon, url), "everything waits for the webhook");
            assertTrue(daemon.metrics().contains("glustereventsd_sink_pending_events{sink=\"webhook:" + url + "\"} 10000.0\n"),
                    daemon.metrics());

            try (WebhookReceiver receiver = new WebhookReceiver(port)) {
                List<Integer> sequence = sequence(receiver, 10_000, Duration.ofSeconds(90));
                assertEquals(range(0, 10_000), sequence, "every event once, in order");
                assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "nothing more");
                String metrics = daemon.metrics();
                assertTrue(metrics.contains("glustereventsd_sink_pending_events{sink=\"webhook:" + url + "\"} 0.0\n"), metrics);
                assertTrue(metrics.contains("glustereventsd_sink_delivered_total{sink=\"webhook:" + url + "\"} 10000.0\n"), metrics);
            }
        }
    }

    @Test
    void afterKillDashNineEveryAcceptedEventIsDeliveredAndOnlyTheUnsavedWindowTwice() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().slowDown(1);
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            send(daemon, 0, 5_000, 0);
            awaitAccepted(daemon, 5_000);
            List<Integer> before = new ArrayList<>();
            while (before.size() < 500) before.add(seq(receiver.next(Duration.ofSeconds(10)).body()));

            daemon.kill();
            before.addAll(receiver.drain(Duration.ofMillis(300)).stream().map(r -> seq(r.body())).toList());
            daemon.start();
            List<Integer> after = sequence(receiver, 5_000 - before.size(), Duration.ofSeconds(60));
            after.addAll(receiver.drain(Duration.ofSeconds(1)).stream().map(r -> seq(r.body())).toList());

            Set<Integer> all = new HashSet<>(before);
            all.addAll(after);
            assertEquals(new HashSet<>(range(0, 5_000)), all, "no accepted event is lost");
            int duplicates = before.size() + after.size() - 5_000;
            System.out.printf("kill -9 after %d of 5000 delivered: %d delivered again after the restart%n",
                    before.size(), duplicates);
            assertTrue(duplicates <= 500, "duplicates beyond the unsaved window: " + duplicates);
            assertEquals(range(after.get(0), 5_000), after, "after the restart: in order from the saved position");
        }
    }

    @Test
    void reloadAndAWebhookAddedDuringAFiveThousandPerSecondStreamLoseNothing() throws Exception {
        try (WebhookReceiver first = new WebhookReceiver();
             WebhookReceiver second = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + first.url() + "\": {}}").start();
            Thread stream = new Thread(() -> {
                try {
                    send(daemon, 0, 20_000, 5_000);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            stream.start();
            Thread.sleep(1000);
            assertEquals(0, new ProcessBuilder("kill", "-USR2", String.valueOf(daemon.pid())).start().waitFor());
            Thread.sleep(1000);
            Process add = new ProcessBuilder(DaemonProcess.DISTRIBUTION.resolve("bin/gluster-eventsapi").toString(),
                    "webhook-add", second.url(), "--workdir", workdir.toString()).redirectErrorStream(true).start();
            assertEquals(0, add.waitFor(), new String(add.getInputStream().readAllBytes()));
            stream.join();
            awaitAccepted(daemon, 20_000);

            assertEquals(range(0, 20_000), sequence(first, 20_000, Duration.ofSeconds(120)), "the webhook that stayed: all, once, in order");
            List<Integer> added = sequence(second, 1, Duration.ofSeconds(30));
            added.addAll(sequence(second, 19_999 - added.get(0), Duration.ofSeconds(120)));
            assertEquals(range(added.get(0), 20_000), added, "the new webhook: everything from when it was added, once, in order");
            assertTrue(added.get(0) > 0 && added.get(0) < 20_000, "added mid-stream at " + added.get(0));
        }
    }

    @Test
    void updatingTheWebhookSinkBundleDuringAStreamLosesAndRepeatsNothing() throws Exception {
        Path sinkJar;
        try (var jars = Files.list(DaemonProcess.DISTRIBUTION.resolve("bundles"))) {
            sinkJar = jars.filter(p -> p.getFileName().toString().startsWith("events-sink-webhook-")).findFirst().orElseThrow();
        }
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {}}").start();
            Thread stream = new Thread(() -> {
                try {
                    send(daemon, 0, 10_000, 2_000);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            stream.start();
            Thread.sleep(2000);
            // A new build of the bundle lands in the hot-deploy folder: FileInstall updates it in place.
            Files.setLastModifiedTime(sinkJar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            daemon.awaitLog("Sink webhook:" + receiver.url() + " closed", Duration.ofSeconds(10));
            stream.join();

            assertEquals(range(0, 10_000), sequence(receiver, 10_000, Duration.ofSeconds(60)), "all, once, in order");
            assertTrue(receiver.drain(Duration.ofMillis(500)).isEmpty(), "nothing twice");
            assertTrue(DaemonProcess.lines(daemon.log(), "Sink webhook:" + receiver.url() + " opened").size() >= 2,
                    "the sink was really replaced");
        }
    }

    @Test
    void aJournalDamagedByACrashMidWriteStartsAndKeepsEveryWholeRecord() throws Exception {
        int port = DaemonProcess.freeTcpPort();
        String url = "http://127.0.0.1:" + port + "/listen";
        try (DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + url + "\": {}}").start();
            send(daemon, 0, 100, 0);
            awaitAccepted(daemon, 100);
            daemon.kill();

            // Damage one record in the middle and tear the last one, as a crash mid-write would.
            Path segment = Files.list(workdir.resolve("events/journal")).filter(p -> p.toString().endsWith(".seg"))
                    .sorted().findFirst().orElseThrow();
            List<long[]> records = records(segment);
            assertEquals(100, records.size());
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                file.seek(records.get(50)[0] + 24);
                file.write("garbage".getBytes());
                file.setLength(file.length() - 5);
            }

            daemon.start();
            Map<?, ?> journal = (Map<?, ?>) daemon.health().get("journal");
            String recovery = (String) journal.get("recovery");
            assertTrue(recovery.contains("damaged bytes in") && recovery.contains("torn or damaged bytes at the end"), recovery);
            assertTrue(daemon.log().contains("Journal recovery:"), daemon.log());
            try (WebhookReceiver receiver = new WebhookReceiver(port)) {
                List<Integer> delivered = sequence(receiver, 98, Duration.ofSeconds(60));
                List<Integer> expected = range(0, 99);
                expected.remove(Integer.valueOf(50));
                assertEquals(expected, delivered, "all whole records, in order");
                send(daemon, 1000, 1001, 0);
                assertEquals(List.of(1000), sequence(receiver, 1, Duration.ofSeconds(10)), "and new events go on");
            }
        }
    }

    // --- helpers

    /** Sends {@code seq} from..until-1 as UDP text, at {@code rate} per second (0: as fast as possible). */
    private static void send(DaemonProcess daemon, int from, int until, int rate) throws IOException {
        long started = System.nanoTime();
        long ts = System.currentTimeMillis() / 1000;
        for (int i = from; i < until; i++) {
            if (rate > 0) {
                long early = started + (long) (i - from) * 1_000_000_000L / rate - System.nanoTime();
                if (early > 200_000) LockSupport.parkNanos(early);
            } else if ((i - from) % 500 == 499) {
                LockSupport.parkNanos(1_000_000); // a burst, paced enough for the kernel's socket buffer
            }
            daemon.sendUdp(ts + " 79 peer=10.0.0.1:49152;volume=gv0;seq=" + i);
        }
    }

    private static void awaitAccepted(DaemonProcess daemon, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long accepted = 0;
        while (System.nanoTime() < deadline) {
            accepted = ((Number) daemon.health().get("accepted")).longValue();
            if (accepted >= expected) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the daemon accepted " + accepted + " of " + expected);
    }

    private static long pending(DaemonProcess daemon, String url) throws Exception {
        for (Object sink : (List<?>) daemon.health().get("sinks")) {
            Map<?, ?> s = (Map<?, ?>) sink;
            if (s.get("name").equals("webhook:" + url)) return ((Number) s.get("pending")).longValue();
        }
        throw new AssertionError("no sink for " + url);
    }

    /** Offsets and lengths of the records of a journal segment: magic, length, crc, position, payload. */
    private static List<long[]> records(Path segment) throws IOException {
        List<long[]> records = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
            long offset = 0;
            while (offset + 20 <= file.length()) {
                file.seek(offset + 4);
                int length = file.readInt();
                records.add(new long[] {offset, 20 + length});
                offset += 20 + length;
            }
        }
        return records;
    }
}
