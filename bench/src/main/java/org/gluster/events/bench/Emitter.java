package org.gluster.events.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.gluster.events.api.EventType;
import org.gluster.events.api.EventTypes;
import org.gluster.events.api.emit.GfEvent;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Sends the stamped events to the daemon, the way {@code --transport} says: event {@code seq} goes
 * to node {@code seq % nodes}, stamped with the time of the send.
 */
interface Emitter extends Closeable {
    enum Transport { UDP, UNIX, JAVA }

    /** Sends event {@code seq} of {@code phase}. */
    void send(Stamp.Phase phase, int seq) throws IOException;

    static long nowMicros() {
        return System.nanoTime() / 1000;
    }

    /** PROTOCOL §1a datagrams from one connected channel per node. */
    final class Udp implements Emitter {
        private final List<DatagramChannel> channels = new ArrayList<>();
        private final String pad;

        Udp(List<InetSocketAddress> nodes, int padding) throws IOException {
            this.pad = Stamp.pad(padding);
            for (InetSocketAddress node : nodes) {
                DatagramChannel channel = DatagramChannel.open();
                channels.add(channel);
                channel.connect(node);
            }
        }

        @Override
        public void send(Stamp.Phase phase, int seq) throws IOException {
            String text = Stamp.text(phase, seq, nowMicros(), pad);
            channels.get(seq % channels.size()).write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void close() throws IOException {
            for (DatagramChannel channel : channels) channel.close();
        }
    }

    /**
     * The same text as AF_UNIX datagrams (PROTOCOL §1b) to the daemon's socket, through junixsocket
     * (the JDK sends no AF_UNIX datagrams). A send blocks while the daemon's socket buffer is full.
     * Connects at the first send, and again after a send failed.
     */
    final class Unix implements Emitter {
        private final Path socket;
        private final String pad;
        private AFUNIXDatagramChannel channel;

        Unix(Path socket, int padding) {
            this.socket = socket;
            this.pad = Stamp.pad(padding);
        }

        @Override
        public void send(Stamp.Phase phase, int seq) throws IOException {
            if (channel == null) {
                AFUNIXDatagramChannel opened = AFUNIXDatagramChannel.open();
                try {
                    opened.connect(AFUNIXSocketAddress.of(socket));
                } catch (IOException e) {
                    opened.close();
                    throw e;
                }
                channel = opened;
            }
            String text = Stamp.text(phase, seq, nowMicros(), pad);
            try {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (channel != null) channel.close();
            channel = null;
        }
    }

    /**
     * {@link GfEvent#send(EventType, java.util.Map, int)} of events-api, a new socket per event that
     * waits up to 2 ms for the kernel to report a refusal: slow, by design. Sends to 127.0.0.1 only.
     * Its warnings (a refused probe while a daemon starts) are silenced: a failed send is counted.
     */
    final class Java implements Emitter {
        private static final EventType TYPE = EventTypes.byCode(Stamp.EVENT_CODE).orElseThrow();
        private final Logger gfeventsLog = Logger.getLogger("gfevents");
        private final int[] ports;
        private final int padding;

        Java(List<InetSocketAddress> nodes, int padding) {
            this.ports = nodes.stream().mapToInt(InetSocketAddress::getPort).toArray();
            this.padding = padding;
            gfeventsLog.setLevel(Level.OFF);
        }

        @Override
        public void send(Stamp.Phase phase, int seq) throws IOException {
            int code = GfEvent.send(TYPE, Stamp.attributes(phase, seq, nowMicros(), padding), ports[seq % ports.length]);
            if (code != GfEvent.EVENT_SEND_OK) throw new IOException("GfEvent.send returned " + code);
        }

        @Override
        public void close() {
            // a socket per event, closed by GfEvent
        }
    }
}
