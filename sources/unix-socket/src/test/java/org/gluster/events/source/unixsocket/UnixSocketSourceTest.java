package org.gluster.events.source.unixsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

class UnixSocketSourceTest {

    /** An emitter that keeps what it is given, as the runtime's pipeline would take it. */
    static final class CollectingEmitter implements EventEmitter {
        final BlockingQueue<Event> emitted = new LinkedBlockingQueue<>();
        final BlockingQueue<String> rejected = new LinkedBlockingQueue<>();

        @Override
        public boolean emit(Event event) {
            emitted.add(event);
            return true;
        }

        @Override
        public void reject(String reason, String detail) {
            rejected.add(reason + ": " + detail);
        }
    }

    static UnixSocketSource.Config config(Path socketPath) {
        return new UnixSocketSource.Config() {
            @Override
            public String socket_path() {
                return socketPath.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return UnixSocketSource.Config.class;
            }
        };
    }

    private Path dir;
    private Path socketPath;
    private UnixSocketSource source;
    private final CollectingEmitter emitter = new CollectingEmitter();

    @BeforeEach
    void createFolder() throws IOException {
        // sun_path holds about 108 bytes: keep the path short, away from long temp folders.
        dir = Files.createTempDirectory(Path.of("/tmp"), "uxs");
        socketPath = dir.resolve("run").resolve("events.sock");
        assertTrue(socketPath.toString().length() < 100, socketPath.toString());
        source = new UnixSocketSource(config(socketPath));
    }

    @AfterEach
    void stopAndClean() throws IOException {
        source.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (AFUNIXDatagramSocket sender = AFUNIXDatagramSocket.newInstance()) {
            // DatagramPacket only takes resolved inet addresses: address the socket by connecting it.
            sender.connect(AFUNIXSocketAddress.of(socketPath));
            sender.send(new DatagramPacket(bytes, bytes.length));
        }
    }

    private Event next() throws InterruptedException {
        Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, () -> "no event within 5 s; rejected: " + emitter.rejected);
        return event;
    }

    private static boolean isSocket(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isOther() && !attributes.isRegularFile();
    }

    @Test
    void startCreatesTheSocketFileWithModeRwRw() throws Exception {
        source.start(emitter);

        assertTrue(isSocket(socketPath), "not a socket: " + socketPath);
        assertEquals(PosixFilePermissions.fromString("rw-rw----"), Files.getPosixFilePermissions(socketPath));
    }

    @Test
    void dottedTextArrivesAsItsEvent() throws Exception {
        source.start(emitter);
        long before = System.currentTimeMillis() / 1000;

        send("Volume.Create=gv1");

        Event event = next();
        assertEquals("VOLUME_CREATE", event.name());
        assertEquals(Map.of("name", "gv1"), event.message());
        assertTrue(event.ts() >= before && event.ts() <= System.currentTimeMillis() / 1000, "ts is the receive time");
    }

    @Test
    void jsonArrivesAsItsEvent() throws Exception {
        source.start(emitter);

        send("{\"event\": \"VOLUME_CREATE\", \"ts\": 1795462277, \"message\": {\"name\": \"gv1\"}}");

        Event event = next();
        assertEquals("VOLUME_CREATE", event.name());
        assertEquals(1_795_462_277L, event.ts());
        assertEquals(Map.of("name", "gv1"), event.message());
    }

    @Test
    void udpTextArrivesAsItsEvent() throws Exception {
        source.start(emitter);

        send("1795462277 2 name=gv1");

        Event event = next();
        assertEquals("VOLUME_CREATE", event.name());
        assertEquals(1_795_462_277L, event.ts());
        assertEquals(Map.of("name", "gv1"), event.message());
    }

    @Test
    void malformedDatagramIsRejectedAndTheNextOneStillArrives() throws Exception {
        source.start(emitter);

        send("No.Such.Event=gv1");
        send("Volume.Create=gv2");

        String rejection = emitter.rejected.poll(5, TimeUnit.SECONDS);
        assertNotNull(rejection, "no rejection within 5 s");
        assertTrue(rejection.startsWith("unknown-type: "), rejection);
        assertEquals(Map.of("name", "gv2"), next().message());
    }

    @Test
    void aSocketLeftByAKilledDaemonIsReplacedAtStart() throws Exception {
        Files.createDirectories(socketPath.getParent());
        AFUNIXDatagramSocket leftOver = AFUNIXDatagramSocket.newInstance();
        leftOver.bind(AFUNIXSocketAddress.of(socketPath));
        leftOver.close(); // closed without unlinking, as after kill -9
        assertTrue(isSocket(socketPath));

        source.start(emitter);

        send("Volume.Create=gv1");
        assertEquals("VOLUME_CREATE", next().name());
    }

    @Test
    void aRegularFileAtThePathIsNeitherDeletedNorUsedAndStartSaysWhy() throws Exception {
        Files.createDirectories(socketPath.getParent());
        Files.writeString(socketPath, "not ours");

        IOException refused = assertThrows(IOException.class, () -> source.start(emitter));

        assertTrue(refused.getMessage().contains("is not a socket"), refused.getMessage());
        assertEquals("not ours", Files.readString(socketPath));
    }

    @Test
    void stopRemovesTheSocketFileWithinASecond() throws Exception {
        source.start(emitter);
        assertTrue(Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS));

        assertTimeout(Duration.ofSeconds(1), source::stop);

        assertFalse(Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void sourceCanBeStartedAgainAfterStop() throws Exception {
        source.start(emitter);
        source.stop();

        source.start(emitter);
        send("Volume.Create=again");

        assertEquals(Map.of("name", "again"), next().message());
    }
}
