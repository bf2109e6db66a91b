package org.gluster.events.runtime.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.cluster.AppAuth;
import org.gluster.events.runtime.cluster.ClusterPeers;
import org.gluster.events.runtime.cluster.Peers;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/peers}: the nodes of the cluster — this one and glusterd's peers — so that a client
 * whose node goes down can move to another. It is for applications, so it takes what {@link AppAuth}
 * takes: a registered application's secret or app token ({@code gluster-rest app-add},
 * {@code gluster-rest token}), or a cluster token, as {@code Authorization: Bearer} or
 * {@code ?access_token=}; 401 without one.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/peers")
public final class PeersHandler extends Handler.Abstract.NonBlocking {
    @Reference
    private Pipeline pipeline;
    private static final Logger LOG = LoggerFactory.getLogger(PeersHandler.class);
    static final String UNAUTHORIZED = "a registered application's secret or token is needed "
            + "(gluster-rest app-add NAME, gluster-rest token NAME), as 'Authorization: Bearer ...' or ?access_token=...";

    @Reference
    private AppAuth auth;
    @Reference
    private ClusterPeers peers;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<String> app = auth.appOf(request);
        if (app.isEmpty()) {
            Responses.unauthorized(response, callback, UNAUTHORIZED);
            return true;
        }
        LOG.debug("GET /v1/peers by {}", app.get());
        if (!"GET".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("nodeid", pipeline.nodeId());
        self.put("host", "localhost");
        self.put("self", true);
        nodes.add(self);
        try {
            for (Peers.Peer peer : peers.peers()) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("nodeid", peer.uuid());
                node.put("host", peer.hostname());
                node.put("state", peer.state());
                node.put("self", false);
                nodes.add(node);
            }
        } catch (IOException e) {
            Responses.json(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", "cannot read peers: " + e.getMessage()));
            return true;
        }
        Responses.json(response, callback, HttpStatus.OK_200, Map.of("nodes", nodes));
        return true;
    }
}
