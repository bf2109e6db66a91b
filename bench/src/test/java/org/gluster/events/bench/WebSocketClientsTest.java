package org.gluster.events.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.gluster.events.api.codec.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against Jetty's WebSocket server, which refuses unmasked client frames. */
class WebSocketClientsTest {
    private static final String TOKEN = "gea_test";

    private Server server;
    private URI url;
    /** The payload of the pong the server got, once it got it. */
    private final CompletableFuture<String> pong = new CompletableFuture<>();

    /** Sends the stamped events 0 to 3 (one of each frame length form, one in fragments), a ping, and, on the pong, a close. */
    private final class Stream implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
            send(frame(0, 0), true, OpCode.TEXT);             // 7-bit length
            send(frame(1, 1_000), true, OpCode.TEXT);         // 16-bit length
            send(frame(2, 70_000), true, OpCode.TEXT);        // 64-bit length
            byte[] fragmented = frame(3, 10);
            send(Arrays.copyOfRange(fragmented, 0, 30), false, OpCode.TEXT);
            send(Arrays.copyOfRange(fragmented, 30, fragmented.length), true, OpCode.CONTINUATION);
            session.sendFrame(new Frame(OpCode.PING).setPayload("are you there"), Callback.NOOP, false);
        }

        private void send(byte[] payload, boolean fin, byte opcode) {
            session.sendFrame(new Frame(opcode, fin, ByteBuffer.wrap(payload)), Callback.NOOP, false);
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.PONG) {
                pong.complete(frame.getPayloadAsUTF8());
                session.close(CloseStatus.POLICY_VIOLATION, "too slow: a test", Callback.NOOP);
            }
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            pong.completeExceptionally(cause);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    private static byte[] frame(int seq, int padding) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "NOTIFY_UNKNOWN_OP");
        event.put("id", "abc");
        event.put("message", Stamp.attributes(Stamp.Phase.BENCH, seq, System.nanoTime() / 1000, padding));
        event.put("nodeid", "n1");
        event.put("ts", 1);
        return EventJson.toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketComponents components = new WebSocketComponents();
        server.addBean(components);
        Handshaker handshaker = Handshaker.newInstance();
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!("Bearer " + TOKEN).equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                    Response.writeError(request, response, callback, 401);
                    return true;
                }
                WebSocketNegotiator negotiator = new WebSocketNegotiator() {
                    @Override
                    public FrameHandler negotiate(ServerUpgradeRequest upgradeRequest, ServerUpgradeResponse upgradeResponse,
                                                  Callback upgradeCallback) {
                        return new Stream();
                    }

                    @Override
                    public void customize(Configuration configuration) {
                        configuration.setMaxFrameSize(1 << 20);
                    }
                };
                if (!handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
                    Response.writeError(request, response, callback, 400);
                }
                return true;
            }
        });
        server.start();
        url = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/v1/events");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void framesOfEveryLengthAndFragmentedOnesAreCountedAPingIsAnsweredMaskedAndTheServersCloseIsReported() throws Exception {
        Deliveries deliveries = new Deliveries(1, 4, 1);
        WebSocketClients clients = new WebSocketClients(url, TOKEN, deliveries).start();
        try {
            assertTrue(clients.awaitOpened(Duration.ofSeconds(5)));
            assertEquals("are you there", pong.get(5, TimeUnit.SECONDS), "Jetty takes only masked client frames");
            WebSocketClients.Client client = clients.clients().get(0);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (client.state != WebSocketClients.State.DROPPED && System.nanoTime() < deadline) Thread.sleep(10);

            assertEquals(WebSocketClients.State.DROPPED, client.state);
            assertEquals(1008, client.closeCode);
            assertEquals("too slow: a test", client.closeReason);
            Tally tally = deliveries.tallies().get(0);
            assertEquals(4, tally.delivered());
            assertEquals(0, tally.lost());
            assertEquals(0, tally.duplicated());
        } finally {
            clients.close();
        }
    }

    @Test
    void aRefusedHandshakeIsAFailureThatSaysWhatTheServerAnswered() throws Exception {
        Deliveries deliveries = new Deliveries(3, 1, 1);
        WebSocketClients clients = new WebSocketClients(url, "wrong", deliveries).start();
        try {
            assertTrue(clients.awaitOpened(Duration.ofSeconds(5)));
            for (WebSocketClients.Client client : clients.clients()) {
                assertEquals(WebSocketClients.State.FAILED, client.state);
                assertTrue(client.failure.startsWith("the server answered HTTP/1.1 401"), client.failure);
            }
            assertEquals(new WebSocketClients.Counts(0, 3, 0), WebSocketClients.Counts.of(clients.clients()));
        } finally {
            clients.close();
        }
    }

    @Test
    void clientsBeyondTheHandshakesInFlightAllOpenAndEachGetsItsOwnCopyOfTheStream() throws Exception {
        int count = WebSocketClients.HANDSHAKES_IN_FLIGHT * 3 + 1;
        Deliveries deliveries = new Deliveries(count, 4, 1);
        WebSocketClients clients = new WebSocketClients(url, TOKEN, deliveries).start();
        try {
            assertTrue(clients.awaitOpened(Duration.ofSeconds(10)));
            assertEquals(count, WebSocketClients.Counts.of(clients.clients()).opened());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (deliveries.delivered() < 4L * count && System.nanoTime() < deadline) Thread.sleep(10);

            for (Tally tally : deliveries.tallies()) assertEquals(4, tally.delivered());
        } finally {
            clients.close();
        }
    }
}
