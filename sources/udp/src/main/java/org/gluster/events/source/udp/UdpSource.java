package org.gluster.events.source.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.gluster.events.api.EventEmitter;
import org.gluster.events.api.EventSource;
import org.gluster.events.api.codec.EventDecoder;
import org.gluster.events.api.codec.MalformedEventException;
import org.gluster.events.api.net.Cidr;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP source (PROTOCOL §1a): one datagram, one event, on {@code bind-address:port}, IPv4 and
 * IPv6. Datagrams are accepted from loopback and from the {@code udp-allow} blocks.
 *
 * <p>One thread receives, checks the sender and copies each datagram into memory; a second
 * decodes and hands over (the journal append is one write to the page cache, fsync is batched
 * elsewhere). A burst faster than the journal is first absorbed in memory, up to
 * {@link #STAGED_BYTES}, then by the kernel's receive buffer. A datagram that comes alone, after
 * a quiet spell, is decoded by the receiving thread itself, one thread hand-over sooner.
 */
@Component(configurationPid = "org.gluster.events.source.udp", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class UdpSource implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSource.class);
    /** Asked of the kernel; Linux grants at most net.core.rmem_max (twice it, for bookkeeping). */
    static final int RECEIVE_BUFFER_BYTES = 16 * 1024 * 1024;
    /**
     * How much a burst may stage in memory beyond the kernel's buffer: about 200,000 small events.
     * Staged datagrams are as safe as those in the kernel's buffer (both go with the process).
     */
    static final long STAGED_BYTES = 48L * 1024 * 1024;
    /** A datagram that comes this long after the one before is not part of a burst. */
    private static final long QUIET_NANOS = 200_000;

    @interface Config {
        int port() default 55555;

        String bind_address() default "";

        String[] udp_allow() default {};
    }

    private final int port;
    private final String bindAddress;
    private final List<Cidr> allowed = new ArrayList<>();
    private volatile DatagramChannel channel;
    private volatile Thread receiver;
    private volatile Thread decoder;

    @Activate
    public UdpSource(Config config) {
        this.port = config.port();
        this.bindAddress = config.bind_address();
        for (String block : config.udp_allow()) allowed.add(Cidr.parse(block));
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public synchronized void start(EventEmitter emitter) throws IOException {
        DatagramChannel opened = DatagramChannel.open();
        try {
            // No SO_REUSEADDR: with it Linux lets a second socket bind the same UDP port and take its
            // datagrams; without it a taken port fails here. UDP has no TIME_WAIT, so restarts rebind at once.
            opened.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            InetSocketAddress address = bindAddress.isEmpty() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(bindAddress), port);
            opened.bind(address);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw new IOException("cannot listen on UDP " + (bindAddress.isEmpty() ? "*" : bindAddress) + ":" + port
                    + ": " + e.getMessage(), e);
        }
        channel = opened;
        int granted = opened.getOption(StandardSocketOptions.SO_RCVBUF);
        LOG.info("Listening on UDP {}:{} (receive buffer {} KiB)", bindAddress.isEmpty() ? "*" : bindAddress, port, granted / 1024);
        if (granted < RECEIVE_BUFFER_BYTES) {
            LOG.warn("The UDP receive buffer is {} KiB of the {} MiB asked (net.core.rmem_max): the kernel may drop part of "
                    + "a large burst of events; raise it with sysctl -w net.core.rmem_max={} "
                    + "(etc/sysctl.d/60-glustereventsd.conf)", granted / 1024, RECEIVE_BUFFER_BYTES >> 20, RECEIVE_BUFFER_BYTES);
        }
        StagedDatagrams staged = new StagedDatagrams(STAGED_BYTES);
        receiver = start("source-udp", () -> receiveUntilClosed(opened, emitter, staged));
        // Each datagram costs the receiver about a microsecond; what it loses by waiting for a core
        // is lost for good, so it comes first (where the JVM may set priorities: bin/glustereventsd).
        receiver.setPriority(Thread.MAX_PRIORITY);
        decoder = start("source-udp-decode", () -> decodeUntilFinished(staged, emitter));
    }

    /**
     * Receives: checks the sender, copies the datagram and stages it, so the socket is drained as
     * fast as datagrams arrive and a burst waits in {@link StagedDatagrams} rather than overflowing
     * the kernel's buffer.
     */
    private void receiveUntilClosed(DatagramChannel from, EventEmitter emitter, StagedDatagrams staged) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(EventDecoder.MAX_EVENT_BYTES + 1);
        long lastReceived = 0;
        try {
            while (from.isOpen()) {
                InetSocketAddress sender;
                try {
                    buffer.clear();
                    sender = (InetSocketAddress) from.receive(buffer);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    emitter.reject("io", e.toString());
                    continue;
                }
                if (!isAllowed(sender.getAddress())) {
                    emitter.reject("sender-not-allowed", "datagram from " + sender.getAddress().getHostAddress()
                            + " (allow it with config-set udp-allow)");
                    continue;
                }
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                StagedDatagrams.Datagram datagram = new StagedDatagrams.Datagram(bytes, sender.getAddress(),
                        System.currentTimeMillis() / 1000);
                long now = System.nanoTime();
                boolean quiet = now - lastReceived > QUIET_NANOS;
                lastReceived = now;
                // A lone datagram is decoded here, sparing it the hand-over to the decoder; in a burst
                // every one is staged, so the socket keeps being drained.
                if (quiet && staged.drained()) {
                    decode(datagram, emitter);
                } else {
                    staged.put(datagram);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            staged.finish();
        }
    }

    /** Decodes and hands over what was staged, until the receiver finished and nothing is left. */
    private static void decodeUntilFinished(StagedDatagrams staged, EventEmitter emitter) {
        List<StagedDatagrams.Datagram> batch = new ArrayList<>(StagedDatagrams.BATCH);
        try {
            while (staged.takeBatch(batch)) {
                for (StagedDatagrams.Datagram datagram : batch) decode(datagram, emitter);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void decode(StagedDatagrams.Datagram datagram, EventEmitter emitter) {
        try {
            emitter.emit(EventDecoder.decode(datagram.bytes(), 0, datagram.bytes().length, datagram.receivedSeconds()));
        } catch (MalformedEventException e) {
            emitter.reject(e.reason(), e.getMessage() + " from " + datagram.sender().getHostAddress());
        }
    }

    boolean isAllowed(InetAddress sender) {
        if (sender.isLoopbackAddress()) return true;
        for (Cidr block : allowed) if (block.contains(sender)) return true;
        return false;
    }

    @Override
    public synchronized void stop() {
        try {
            if (channel != null) channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the UDP socket failed", e);
        }
        // The receiver ends with the socket; the decoder then hands over what was staged and ends.
        join(receiver, 1000);
        join(decoder, 5000);
        channel = null;
        receiver = null;
        decoder = null;
    }

    private static Thread start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread, long millis) {
        if (thread == null) return;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
