package org.gluster.events.sink.websocket;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink behind {@code /v1/events}: reads every event this node holds — its own and those its
 * peers relayed — into the {@link StreamHistory} and wakes the connected clients, each of which
 * sends from the history at its own pace ({@link ClientSession}).
 *
 * <p>The last {@value #KEPT_FOR_RESTART} events stay unacknowledged in the journal, so that after a
 * restart (or an update of this bundle) the history starts with them and a client that reconnects
 * here with its last id misses nothing.
 */
@Component(service = {EventSink.class, ClusterStream.class}, configurationPid = "org.gluster.events.sink.websocket",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ClusterStream implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStream.class);
    static final int KEPT_FOR_RESTART = 2048;
    static final long PING_SECONDS = 30;
    static final long MAX_COALESCING_MILLIS = 20;

    @interface Config {
        /** How many recent events a resuming client can get from this node. */
        int history_events() default 50_000;

        /** And in how many MiB of frames at most. */
        int history_mb() default 32;

        /** A client further behind than this (in events) is closed as too slow. */
        int max_lag_events() default 10_000;
    }

    private StreamHistory history;
    private int maxLag;
    private final Set<ClientSession> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong closedAsSlow = new AtomicLong();
    private ScheduledExecutorService senders;
    private volatile Thread reader;

    @Activate
    void activate(Config config) {
        history = new StreamHistory(config.history_events(), config.history_mb() * 1024L * 1024L);
        maxLag = Math.max(1, Math.min(config.max_lag_events(), config.history_events()));
        senders = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "websocket-send");
            thread.setDaemon(true);
            return thread;
        });
        // Keeps quiet connections open through proxies and finds clients that vanished.
        senders.scheduleWithFixedDelay(() -> clients.forEach(ClientSession::ping), PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        clients.forEach(client -> client.close(ClientSession.GOING_AWAY, "this node's event stream is restarting; reconnect with your last id"));
        senders.shutdown();
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public boolean receivesRelayed() {
        return true;
    }

    @Override
    public void open(EventCursor cursor) {
        Thread thread = new Thread(() -> read(cursor), "sink-websocket");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    @Override
    public void close() {
        Thread thread = reader;
        reader = null;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(EventCursor cursor) {
        ArrayDeque<Event> kept = new ArrayDeque<>();
        try {
            while (!cursor.isClosed() && reader == Thread.currentThread()) {
                List<Event> events = cursor.poll(1024, 1, TimeUnit.SECONDS);
                if (events.isEmpty()) continue;
                for (Event event : events) {
                    history.append(event);
                    kept.add(event);
                }
                Event released = null;
                while (kept.size() > KEPT_FOR_RESTART) released = kept.poll();
                if (released != null) cursor.acknowledge(released); // and every event before it
                clients.forEach(ClientSession::wake);
                Thread.sleep(coalescingMillis(clients.size()));
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.error("The WebSocket stream stopped reading events", e);
        }
    }

    /**
     * How long the events that come after a wake-up wait before the next one: a wake-up costs each
     * client a write, so with many clients several events share one write (up to
     * {@link #MAX_COALESCING_MILLIS} with 1,000 clients and more); with a few the wait is nil.
     */
    static long coalescingMillis(int clients) {
        return Math.min(MAX_COALESCING_MILLIS, clients * MAX_COALESCING_MILLIS / 1000);
    }

    StreamHistory history() {
        return history;
    }

    int maxLag() {
        return maxLag;
    }

    ScheduledExecutorService senders() {
        return senders;
    }

    void attach(ClientSession client) {
        clients.add(client);
    }

    void detach(ClientSession client, boolean tooSlow) {
        clients.remove(client);
        if (tooSlow) closedAsSlow.incrementAndGet();
    }

    /**
     * Replaces the journal's pending count and age (the events kept for a restart, which are never
     * acknowledged) by what the clients lag: the events the furthest-behind client has yet to get,
     * and how long ago the first of them was received.
     */
    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        long tail = history.tail();
        long lag = 0;
        long oldestNext = tail;
        for (ClientSession client : clients) {
            lag = Math.max(lag, client.lag(tail));
            oldestNext = Math.min(oldestNext, client.next());
        }
        long oldestMillis = lag == 0 ? 0 : history.receivedMillisAt(oldestNext);
        status.put("pending", lag);
        status.put("oldest_pending_seconds", oldestMillis == 0 ? 0.0 : Math.max(0, (System.currentTimeMillis() - oldestMillis) / 1000.0));
        status.put("clients", clients.size());
        status.put("clients_closed_slow", closedAsSlow.get());
        status.putAll(history.status());
        return status;
    }
}
