package org.gluster.events.runtime.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.cluster.AppAuth;
import org.gluster.events.runtime.cluster.ClusterPeers;
import org.gluster.events.runtime.cluster.Peers;
import org.gluster.events.runtime.config.EventsConfig;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /v1/cluster}: every node's health at a glance, for the dashboard — this node's
 * {@code /v1/health} and each peer's (asked in parallel, {@value #PEER_TIMEOUT_MS} ms at most; a
 * peer that does not answer, or answers anything but its health, is shown down with why), and the rate of the whole cluster's events per
 * type over the last minutes. For applications: it takes what {@code /v1/peers} takes.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/cluster")
public final class ClusterHandler extends Handler.Abstract.NonBlocking {
    private static final long PEER_TIMEOUT_MS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference
    private Pipeline pipeline;
    @Reference
    private EventsConfig config;
    @Reference
    private AppAuth auth;
    @Reference
    private ClusterPeers peers;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(PEER_TIMEOUT_MS)).build();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (auth.appOf(request).isEmpty()) {
            Responses.unauthorized(response, callback, PeersHandler.UNAUTHORIZED);
            return true;
        }
        if (!"GET".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("host", "localhost");
        self.put("self", true);
        self.put("up", true);
        self.putAll(HealthHandler.body(pipeline, config));
        List<CompletableFuture<Map<String, Object>>> nodes = new ArrayList<>();
        nodes.add(CompletableFuture.completedFuture(self));
        try {
            for (Peers.Peer peer : peers.peers()) nodes.add(healthOf(peer));
        } catch (IOException e) {
            self.put("peers_error", "cannot read the peers: " + e.getMessage());
        }
        CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("nodes", nodes.stream().map(CompletableFuture::join).toList());
                body.put("rates", pipeline.recentRates());
                Responses.json(response, callback, HttpStatus.OK_200, body);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
        return true;
    }

    /** A peer's {@code /v1/health}, or a node shown down with the reason; never fails. */
    private CompletableFuture<Map<String, Object>> healthOf(Peers.Peer peer) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("host", peer.hostname());
        node.put("self", false);
        node.put("nodeid", peer.uuid());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(peers.uri(peer.hostname(), "/v1/health")).timeout(Duration.ofMillis(PEER_TIMEOUT_MS)).GET().build();
        } catch (IllegalArgumentException e) { // a peer name that is no host name
            node.put("up", false);
            node.put("error", "cannot ask it: " + e.getMessage());
            return CompletableFuture.completedFuture(node);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((answer, failure) -> {
            if (failure != null) {
                node.put("up", false);
                node.put("error", "cannot reach its /v1/health: " + (failure.getCause() != null ? failure.getCause() : failure));
            } else if (answer.statusCode() != 200) {
                node.put("up", false);
                node.put("error", "HTTP " + answer.statusCode() + " from /v1/health");
            } else {
                try {
                    node.put("up", true);
                    node.putAll(JSON.readValue(answer.body(), JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class)));
                } catch (IOException e) {
                    node.put("up", false);
                    node.put("error", "unreadable /v1/health: " + e.getMessage());
                }
            }
            return node;
        });
    }
}
