package org.gluster.events.sink.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.gluster.events.api.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write timeout, against a connection whose client takes nothing: Jetty's {@code CoreSession}
 * with its no-op base ({@link CoreSession.Empty}), keeping the frames and never completing a write.
 */
class ClientSessionTest {
    private final ClusterStream stream = new ClusterStream();
    private final StuckConnection connection = new StuckConnection();

    /** A client that never reads: writes stay pending; what is sent and closed is recorded. */
    static final class StuckConnection extends CoreSession.Empty {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<Callback> pendingWrites = new CopyOnWriteArrayList<>();
        volatile int closedWith;

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            frames.add(frame);
            if (callback != Callback.NOOP) pendingWrites.add(callback);
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            closedWith = statusCode;
        }
    }

    @AfterEach
    void stop() {
        stream.deactivate();
    }

    private ClientSession connectedWithOneEventOnItsWay() throws InterruptedException {
        stream.activate(new SmallStreamConfig());
        stream.history().append(Event.of(UUID.randomUUID().toString(), "n", 1, "PEER_ATTACH", Map.of(), false));
        ClientSession client = new ClientSession(stream, "test", 0, null, null);
        client.onOpen(connection, Callback.NOOP);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connection.pendingWrites.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(1, connection.pendingWrites.size(), "the event was not written");
        return client;
    }

    @Test
    void aBatchTheClientHasNotTakenWithinTheWriteTimeoutClosesItAtTheNextPing() throws Exception {
        ClientSession client = connectedWithOneEventOnItsWay();
        long now = System.nanoTime();

        assertFalse(client.writeTimedOut(now));
        assertTrue(client.writeTimedOut(now + EventsEndpoint.WRITE_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(1)));
        client.ping();
        assertEquals(0, connection.closedWith, "closed before its time");
        assertEquals(OpCode.PING, connection.frames.get(connection.frames.size() - 1).getOpCode());
    }

    @Test
    void aBatchTheClientTookEndsTheWait() throws Exception {
        ClientSession client = connectedWithOneEventOnItsWay();

        connection.pendingWrites.get(0).succeeded();

        assertFalse(client.writeTimedOut(System.nanoTime() + EventsEndpoint.WRITE_TIMEOUT.toNanos() * 2));
    }
}
