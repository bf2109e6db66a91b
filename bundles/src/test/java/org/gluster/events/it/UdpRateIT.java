package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UDP source under a sustained paced load: 20,000 events/s for 10 s from one sender, every
 * datagram counted in. Not a benchmark: it asserts no loss and prints what it saw.
 */
class UdpRateIT {
    private static final int RATE = 20_000;
    private static final int SECONDS = 10;

    @TempDir
    Path workdir;

    @Test
    void twentyThousandDatagramsPerSecondForTenSecondsAreAllAccepted() throws Exception {
        try (DaemonProcess daemon = new DaemonProcess(workdir);
             DatagramChannel sender = DatagramChannel.open()) {
            daemon.start();
            sender.connect(new InetSocketAddress("127.0.0.1", daemon.udpPort));
            int total = RATE * SECONDS;
            long started = System.nanoTime();
            long ts = System.currentTimeMillis() / 1000;
            for (int i = 0; i < total; i++) {
                long due = started + (long) i * 1_000_000_000L / RATE;
                long early = due - System.nanoTime();
                if (early > 200_000) LockSupport.parkNanos(early);
                byte[] text = (ts + " 79 peer=127.0.0.1:49152;volume=gv" + (i % 8) + ";seq=" + i).getBytes(StandardCharsets.US_ASCII);
                sender.write(ByteBuffer.wrap(text));
            }
            double sendSeconds = (System.nanoTime() - started) / 1e9;

            long accepted = awaitAccepted(daemon, total, Duration.ofSeconds(30));
            System.out.printf("UDP rate check: sent %d datagrams in %.2f s (%.0f/s), daemon accepted %d, rejected %s%n",
                    total, sendSeconds, total / sendSeconds, accepted, daemon.health().get("rejected"));
            assertEquals(total, accepted, "datagrams lost");
        }
    }

    private static long awaitAccepted(DaemonProcess daemon, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long accepted = 0;
        long previous = -1;
        while (System.nanoTime() < deadline) {
            accepted = ((Number) daemon.health().get("accepted")).longValue();
            if (accepted >= expected || accepted == previous) return accepted;
            previous = accepted;
            Thread.sleep(500);
        }
        return accepted;
    }
}
