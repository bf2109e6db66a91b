package org.gluster.events.sink.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.api.Event;
import org.gluster.events.runtime.cluster.ClusterAuth;
import org.gluster.events.runtime.cluster.RelayInbox;
import org.gluster.events.runtime.http.HttpServer;
import org.gluster.events.runtime.http.Responses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/listen}: the events a peer first received, in its order, for this node's WebSocket
 * clients. Only a peer holding the cluster secret may post (401 otherwise). The events are journaled
 * before the answer, so a 200 means the peer may forget them; a full journal answers 503 and the
 * peer retries.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/listen")
public final class ListenHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ListenHandler.class);

    @Reference
    private ClusterAuth auth;
    @Reference
    private RelayInbox inbox;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!auth.authorized(request)) {
            Responses.unauthorized(response, callback);
            return true;
        }
        if (!"POST".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use POST"));
            return true;
        }
        List<Event> events;
        try {
            events = RelayBatch.decode(Content.Source.asString(request, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            LOG.warn("Refused a relayed batch from {}: {}", Request.getRemoteAddr(request), e.getMessage());
            Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", e.getMessage()));
            return true;
        }
        try {
            inbox.accept(events);
        } catch (RuntimeException e) {
            Responses.json(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, Map.of("error", "cannot journal: " + e.getMessage()));
            return true;
        }
        Responses.json(response, callback, HttpStatus.OK_200, Map.of("accepted", events.size()));
        return true;
    }
}
