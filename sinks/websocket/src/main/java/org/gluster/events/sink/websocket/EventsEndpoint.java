package org.gluster.events.sink.websocket;

import java.time.Duration;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.gluster.events.api.EventPatterns;
import org.gluster.events.runtime.cluster.AppAuth;
import org.gluster.events.runtime.http.HttpServer;
import org.gluster.events.runtime.http.Responses;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ws://node:24010/v1/events}: the whole cluster's events, one JSON text frame each, to
 * registered applications. Checked before the upgrade: the application's credential (401 without),
 * {@code since=} or {@code Last-Event-ID} (the {@code id} of the last frame received, here or on
 * another node), else {@code last=N} (start with the last N events held), {@code events=} (name
 * globs; 400 when one of them is malformed).
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/events")
public final class EventsEndpoint extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);
    /**
     * Time a batch of frames may take to be written before the client counts as gone. Checked by
     * the stream's ping round ({@link ClientSession#ping}), not by Jetty's write timeout, which
     * schedules a task per write: 100,000 frames/s kept three million of them waiting.
     */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Quiet time after which a connection is closed; the stream pings well within it. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    @Reference
    private ClusterStream stream;
    @Reference
    private AppAuth auth;

    private final Handshaker handshaker = Handshaker.newInstance();
    private WebSocketComponents components;

    @Activate
    void activate() throws Exception {
        components = new WebSocketComponents();
        components.start();
    }

    @Deactivate
    void deactivate() throws Exception {
        components.stop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!auth.authorized(request)) {
            Responses.unauthorized(response, callback, "a registered application's credential is needed (gluster-rest app-add, gluster-rest token)");
            return true;
        }
        if (!handshaker.isWebSocketUpgradeRequest(request)) {
            Responses.json(response, callback, HttpStatus.BAD_REQUEST_400,
                    Map.of("error", "connect with a WebSocket client: ws://<node>:<rest-port>/v1/events"));
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        String since = query.getValue("since");
        if (since == null || since.isBlank()) since = request.getHeaders().get("Last-Event-ID");
        String who = String.valueOf(Request.getRemoteAddr(request));
        ClientSession client;
        try {
            String names = query.getValue("events");
            EventPatterns events = names == null || names.isBlank() ? null : EventPatterns.parse(names);
            String last = query.getValue("last");
            if (since != null && !since.isBlank()) client = resumed(who, ResumePosition.parse(since), events);
            else if (last != null && !last.isBlank()) client = recent(who, lastCount(last), events);
            else client = fromNow(who, events);
        } catch (IllegalArgumentException e) {
            Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", e.getMessage()));
            return true;
        }
        WebSocketNegotiator negotiator = new WebSocketNegotiator() {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest upgradeRequest, ServerUpgradeResponse upgradeResponse, Callback upgradeCallback) {
                return client;
            }

            @Override
            public void customize(Configuration configuration) {
                configuration.setIdleTimeout(IDLE_TIMEOUT);
            }
        };
        if (!handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
            Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", "WebSocket upgrade refused"));
        }
        return true;
    }

    /** {@code last=N}: a positive count; a client gets at most what the history holds. */
    private static int lastCount(String text) {
        try {
            int count = Integer.parseInt(text.trim());
            if (count > 0) return count;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("last must be a positive number of events, not " + text);
    }

    /** The last {@code count} events this node holds (fewer if it holds fewer), then live ones. */
    private ClientSession recent(String who, int count, EventPatterns events) {
        return new ClientSession(stream, who, stream.history().recentStart(count), null, events);
    }

    private ClientSession fromNow(String who, EventPatterns events) {
        return new ClientSession(stream, who, stream.history().tail(), null, events);
    }

    private ClientSession resumed(String who, ResumePosition seen, EventPatterns events) {
        StreamHistory.Start start = stream.history().startAfter(seen);
        if (start.gap()) {
            LOG.warn("WebSocket client {} resumes after events this node no longer holds: it gets the {} held", who,
                    stream.history().tail() - start.sequence());
        }
        return new ClientSession(stream, who, start.sequence(), seen, events);
    }
}
