package org.gluster.events.source.unixsocket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import org.gluster.events.api.EventEmitter;
import org.gluster.events.api.EventSource;
import org.gluster.events.api.codec.EventDecoder;
import org.gluster.events.api.codec.MalformedEventException;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AF_UNIX datagram source (PROTOCOL §1b) on {@code socket-path}: accepts the seed's dotted
 * text, the UDP text and JSON. The socket file is made mode 0660 so that Gluster processes of the
 * socket's group can write to it and nobody else can.
 */
@Component(configurationPid = "org.gluster.events.source.unixsocket", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class UnixSocketSource implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketSource.class);
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    @interface Config {
        String socket_path();
    }

    private final Path path;
    private volatile AFUNIXDatagramSocket socket;
    private volatile Thread receiver;

    @Activate
    public UnixSocketSource(Config config) {
        this.path = Path.of(config.socket_path());
    }

    @Override
    public String name() {
        return "unix-socket";
    }

    @Override
    public synchronized void start(EventEmitter emitter) throws IOException {
        Files.createDirectories(path.getParent());
        // A socket file left by a daemon that was killed would make bind fail; the workdir lock
        // guarantees no other daemon of this workdir uses it. Anything else at that path is not ours.
        removeStaleSocket();
        AFUNIXDatagramSocket opened = AFUNIXDatagramSocket.newInstance();
        try {
            opened.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            opened.bind(AFUNIXSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw new IOException("cannot listen on AF_UNIX socket " + path + ": " + e.getMessage(), e);
        }
        socket = opened;
        LOG.info("Listening on AF_UNIX socket {}", path);
        Thread thread = new Thread(() -> receiveUntilClosed(opened, emitter), "source-unix-socket");
        thread.setDaemon(true);
        receiver = thread;
        thread.start();
    }

    private void receiveUntilClosed(AFUNIXDatagramSocket from, EventEmitter emitter) {
        byte[] buffer = new byte[EventDecoder.MAX_EVENT_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (socket == from) {
            try {
                packet.setLength(buffer.length);
                from.receive(packet);
            } catch (IOException e) {
                if (socket != from) return; // stopped
                emitter.reject("io", e.toString());
                continue;
            }
            try {
                emitter.emit(EventDecoder.decode(buffer, 0, packet.getLength(), System.currentTimeMillis() / 1000));
            } catch (MalformedEventException e) {
                emitter.reject(e.reason(), e.getMessage());
            }
        }
    }

    /** Deletes a socket file at the path; refuses to touch a regular file, a directory or a link. */
    private void removeStaleSocket() throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException(path + " exists and is not a socket: choose another socket-path");
        }
        Files.delete(path);
    }

    @Override
    public synchronized void stop() {
        AFUNIXDatagramSocket open = socket;
        socket = null;
        if (open != null) open.close();
        Thread thread = receiver;
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            removeStaleSocket();
        } catch (IOException e) {
            LOG.warn("Could not remove socket file {}", path, e);
        }
        receiver = null;
    }
}
