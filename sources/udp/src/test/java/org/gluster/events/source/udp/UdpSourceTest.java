package org.gluster.events.source.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpSourceTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** An emitter that keeps what it is given, as the runtime's pipeline would take it. */
    static final class CollectingEmitter implements EventEmitter {
        final BlockingQueue<Event> emitted = new LinkedBlockingQueue<>();
        final BlockingQueue<String[]> rejected = new LinkedBlockingQueue<>();

        @Override
        public boolean emit(Event event) {
            emitted.add(event);
            return true;
        }

        @Override
        public void reject(String reason, String detail) {
            rejected.add(new String[] {reason, detail});
        }
    }

    static UdpSource.Config config(int port, String bindAddress, String... udpAllow) {
        return new UdpSource.Config() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public String bind_address() {
                return bindAddress;
            }

            @Override
            public String[] udp_allow() {
                return udpAllow;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return UdpSource.Config.class;
            }
        };
    }

    private int port;
    private UdpSource source;
    private final CollectingEmitter emitter = new CollectingEmitter();

    @BeforeEach
    void start() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = probe.getLocalPort();
        }
        source = new UdpSource(config(port, "127.0.0.1"));
        source.start(emitter);
    }

    @AfterEach
    void stop() {
        source.stop();
    }

    private void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket sender = new DatagramSocket()) {
            sender.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
        }
    }

    private static DatagramSocket bindWithoutReuse(int port) throws SocketException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReuseAddress(false);
        try {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Test
    void datagramInTheUdpTextFormIsEmittedAsItsEvent() throws Exception {
        send("1795462277 2 name=gv1");

        Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "no event within 5 s");
        assertEquals("VOLUME_CREATE", event.name());
        assertEquals(1_795_462_277L, event.ts());
        assertEquals(Map.of("name", "gv1"), event.message());
        assertTrue(emitter.rejected.isEmpty());
    }

    @Test
    void malformedDatagramIsRejectedAndTheNextValidOneStillArrives() throws Exception {
        send("1795462277 99999 name=gv1");
        send("1795462278 2 name=gv2");

        String[] rejection = emitter.rejected.poll(5, TimeUnit.SECONDS);
        assertNotNull(rejection, "no rejection within 5 s");
        assertEquals("unknown-type", rejection[0]);
        assertTrue(rejection[1].contains("99999") && rejection[1].contains("127.0.0.1"), rejection[1]);
        Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "the valid datagram after the malformed one never arrived");
        assertEquals("VOLUME_CREATE", event.name());
        assertEquals(Map.of("name", "gv2"), event.message());
    }

    @Test
    void datagramsArriveInTheOrderSent() throws Exception {
        for (int i = 0; i < 20; i++) send("1795462277 2 name=gv" + i);

        for (int i = 0; i < 20; i++) {
            Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "event " + i + " missing");
            assertEquals("gv" + i, event.message().get("name"));
        }
    }

    @Test
    void whileRunningThePortIsTaken() {
        assertThrows(BindException.class, () -> bindWithoutReuse(port).close());
    }

    @Test
    void stopReturnsWithinASecondAndReleasesThePort() throws Exception {
        assertTimeout(Duration.ofSeconds(1), source::stop);

        try (DatagramSocket rebound = bindWithoutReuse(port)) {
            assertEquals(port, rebound.getLocalPort());
        }
    }

    @Test
    void sourceCanBeStartedAgainAfterStop() throws Exception {
        source.stop();
        source.start(emitter);

        send("1795462277 2 name=again");

        Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals("again", event.message().get("name"));
    }

    @Test
    void startOnAPortAnotherSocketHoldsFailsNamingThePort() throws Exception {
        try (DatagramSocket taken = bindWithoutReuse(0)) {
            UdpSource other = new UdpSource(config(taken.getLocalPort(), "127.0.0.1"));

            IOException e = assertThrows(IOException.class, () -> other.start(new CollectingEmitter()));

            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            other.stop();
        }
    }

    @Test
    void secondSourceOnThePortOfARunningOneFailsToStart() {
        UdpSource second = new UdpSource(config(port, "127.0.0.1"));
        try {
            IOException e = assertThrows(IOException.class, () -> second.start(new CollectingEmitter()),
                    "two sources on one port: datagrams would silently go to only one of them");
            assertTrue(e.getMessage().contains(":" + port), e.getMessage());
        } finally {
            second.stop();
        }
    }

    @Test
    void loopbackSendersAreAllowedOthersOnlyWhenInAnAllowedBlock() throws Exception {
        UdpSource loopbackOnly = new UdpSource(config(55555, ""));
        UdpSource withBlock = new UdpSource(config(55555, "", "10.0.0.0/8"));

        assertTrue(loopbackOnly.isAllowed(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopbackOnly.isAllowed(InetAddress.getByName("::1")));
        assertFalse(loopbackOnly.isAllowed(InetAddress.getByName("10.1.2.3")));
        assertTrue(withBlock.isAllowed(InetAddress.getByName("10.1.2.3")));
        assertTrue(withBlock.isAllowed(InetAddress.getByName("127.0.0.1")));
        assertFalse(withBlock.isAllowed(InetAddress.getByName("11.1.2.3")));
        assertFalse(withBlock.isAllowed(InetAddress.getByName("192.168.1.1")));
    }

    @Test
    void onAllInterfacesDatagramsArriveOverIpv4AndIpv6Loopback() throws Exception {
        int freePort;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            freePort = probe.getLocalPort();
        }
        UdpSource dualStack = new UdpSource(config(freePort, ""));
        dualStack.start(emitter);
        try {
            for (String address : new String[] {"127.0.0.1", "::1"}) {
                byte[] bytes = ("1795462277 2 name=from-" + address).getBytes(StandardCharsets.UTF_8);
                try (DatagramSocket sender = new DatagramSocket()) {
                    sender.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(address), freePort));
                }
                Event event = emitter.emitted.poll(5, TimeUnit.SECONDS);
                assertNotNull(event, "nothing arrived from " + address);
                assertEquals(Map.of("name", "from-" + address), event.message());
            }
        } finally {
            dualStack.stop();
        }
    }
}
