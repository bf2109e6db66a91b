package org.gluster.events.sink.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.gluster.events.api.EventPatterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: sends the history from its place on, a batch at a time, the next batch once
 * the last is written, so a client holds no queue of its own. A client that falls more than the
 * allowed lag behind after it had caught up is closed with the reason (1008), and can reconnect with
 * its last id.
 */
final class ClientSession implements FrameHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final int GOING_AWAY = CloseStatus.SHUTDOWN;
    private static final int BATCH = 64;

    private final ClusterStream stream;
    private final String who;
    /** Used by the one batch under way only. */
    private final FrameSelection selection;
    private volatile long next;
    /** Whether the client was ever within the lag limit: one catching up from far back is not slow. */
    private volatile boolean caughtUp;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    /** When the batch on its way was handed to the connection; 0 when none is. */
    private volatile long writingSinceNanos;
    private volatile CoreSession session;
    private volatile boolean closed;

    /**
     * @param start  the first history entry to send
     * @param seen   the position the client resumes from, or null
     * @param events the names it wants, or null for all
     */
    ClientSession(ClusterStream stream, String who, long start, ResumePosition seen, EventPatterns events) {
        this.stream = stream;
        this.who = who;
        this.next = start;
        this.selection = new FrameSelection(seen, events);
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        stream.attach(this);
        callback.succeeded();
        coreSession.demand();
        LOG.info("WebSocket client {} connected from {}", who, coreSession.getRemoteAddress());
        sending.set(false);
        wake();
    }

    /** New events are in the history: send them unless a batch is on its way already. */
    void wake() {
        if (closed) return;
        long lag = lag(stream.history().tail());
        if (lag <= stream.maxLag() / 2) caughtUp = true;
        if (caughtUp && lag > stream.maxLag()) {
            close(CloseStatus.POLICY_VIOLATION, "too slow: " + lag + " events behind; reconnect with the last id you received");
            return;
        }
        if (sending.compareAndSet(false, true)) submit();
    }

    long lag(long tail) {
        return Math.max(0, tail - next);
    }

    /** The sequence of the next event this client is to be sent. */
    long next() {
        return next;
    }

    private void submit() {
        try {
            stream.senders().execute(this::sendBatch);
        } catch (RejectedExecutionException e) {
            sending.set(false); // shutting down
        }
    }

    /** Nothing on its way: sends again if events came meanwhile (checked after the flag, so none is left behind). */
    private void idle() {
        writingSinceNanos = 0;
        sending.set(false);
        if (stream.history().tail() > next) wake();
    }

    private void sendBatch() {
        if (closed) return;
        List<StreamHistory.Entry> entries = new ArrayList<>(BATCH);
        long after = stream.history().read(next, BATCH, entries);
        if (after < 0) {
            close(CloseStatus.POLICY_VIOLATION, "too slow: the events after your last one are no longer held here");
            return;
        }
        List<byte[]> frames = new ArrayList<>(entries.size());
        for (StreamHistory.Entry entry : entries) {
            byte[] frame = selection.frameFor(entry);
            if (frame != null) frames.add(frame);
        }
        next = after;
        if (frames.isEmpty()) {
            idle();
            return;
        }
        Callback written = Callback.from(this::idle, failure -> close(CloseStatus.SERVER_ERROR, "write failed"));
        writingSinceNanos = System.nanoTime();
        for (int i = 0; i < frames.size(); i++) {
            boolean last = i == frames.size() - 1;
            session.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(frames.get(i))), last ? written : Callback.NOOP, !last);
        }
    }

    /** Whether the batch on its way has been waiting for the client longer than the write timeout. */
    boolean writeTimedOut(long nowNanos) {
        long since = writingSinceNanos;
        return since != 0 && nowNanos - since > EventsEndpoint.WRITE_TIMEOUT.toNanos();
    }

    /** Keeps the connection alive, or closes it when the client has not taken the last batch in time. */
    void ping() {
        if (writeTimedOut(System.nanoTime())) {
            close(CloseStatus.POLICY_VIOLATION, "did not take its events within " + EventsEndpoint.WRITE_TIMEOUT.toSeconds() + " s");
            return;
        }
        CoreSession current = session;
        if (current != null && !closed) current.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    void close(int code, String reason) {
        if (closed) return;
        closed = true;
        stream.detach(this, code == CloseStatus.POLICY_VIOLATION);
        CoreSession current = session;
        if (current != null) {
            LOG.info("Closing WebSocket client {}: {}", who, reason);
            current.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (frame.getOpCode() == OpCode.PING) {
            session.sendFrame(new Frame(OpCode.PONG).setPayload(frame.getPayload() == null ? ByteBuffer.allocate(0)
                    : ByteBuffer.allocate(frame.getPayloadLength()).put(frame.getPayload().slice()).flip()), callback, false);
        } else {
            callback.succeeded(); // the stream is one way: what a client sends is ignored
        }
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("WebSocket client {}: {}", who, cause.toString());
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        if (!closed) {
            closed = true;
            stream.detach(this, false);
            LOG.info("WebSocket client {} left ({})", who, closeStatus.getCode());
        }
        callback.succeeded();
    }
}
