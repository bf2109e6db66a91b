package org.gluster.events.runtime.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.cluster.ClusterAuth;
import org.gluster.events.runtime.cluster.WebhookProbe;
import org.gluster.events.runtime.config.ClusterConfig;
import org.gluster.events.runtime.config.ConfigSync;
import org.gluster.events.runtime.config.EventsConfig;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The admin API other nodes' {@code gluster-eventsapi} call, behind the cluster token (401 without):
 * {@code GET /v1/admin/status} (the health document), {@code POST /v1/admin/reload},
 * {@code POST /v1/admin/webhook-test} (this node tries a webhook),
 * {@code POST /v1/admin/eventing/start} and {@code .../stop}, and
 * {@code GET} / {@code PUT /v1/admin/config} (the versioned cluster configuration; a PUT is taken
 * only when newer than this node's).
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/admin/*")
public final class AdminHandler extends Handler.Abstract {
    @Reference
    private Pipeline pipeline;
    @Reference
    private EventsConfig config;
    @Reference
    private ClusterAuth auth;
    @Reference
    private ConfigSync sync;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!auth.authorized(request)) {
            Responses.unauthorized(response, callback);
            return true;
        }
        String call = request.getMethod() + " " + Request.getPathInContext(request);
        switch (call) {
            case "GET /v1/admin/status" -> Responses.json(response, callback, HttpStatus.OK_200, HealthHandler.body(pipeline, config));
            case "POST /v1/admin/reload" -> {
                config.reload("admin API");
                Responses.json(response, callback, HttpStatus.OK_200, Map.of("reloaded", true));
            }
            case "GET /v1/admin/config" -> {
                try {
                    Responses.json(response, callback, HttpStatus.OK_200, sync.current().toMap());
                } catch (IOException e) {
                    Responses.json(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", "cannot read config: " + e.getMessage()));
                }
            }
            case "PUT /v1/admin/config" -> {
                try {
                    ClusterConfig offered = ClusterConfig.fromMap(JSON.readValue(Content.Source.asString(request, StandardCharsets.UTF_8), Map.class));
                    boolean applied = sync.offer(offered, Request.getRemoteAddr(request));
                    Responses.json(response, callback, HttpStatus.OK_200, Map.of("applied", applied, "version", sync.current().version()));
                } catch (IOException | RuntimeException e) {
                    Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", "not a config: " + e.getClass().getSimpleName()));
                }
            }
            case "POST /v1/admin/eventing/start", "POST /v1/admin/eventing/stop" -> {
                boolean on = call.endsWith("/start");
                try {
                    pipeline.setEventing(on);
                    Responses.json(response, callback, HttpStatus.OK_200, Map.of("eventing", on ? "started" : "stopped"));
                } catch (IOException e) {
                    Responses.json(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", e.getMessage()));
                }
            }
            case "POST /v1/admin/webhook-test" -> {
                try {
                    Map<?, ?> asked = JSON.readValue(Content.Source.asString(request, StandardCharsets.UTF_8), Map.class);
                    String error = WebhookProbe.probe(String.valueOf(asked.get("url")), text(asked.get("token")), text(asked.get("secret")));
                    Responses.json(response, callback, HttpStatus.OK_200, Map.of("error", error));
                } catch (IOException | RuntimeException e) {
                    Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", "not a webhook-test request"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    Responses.json(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, Map.of("error", "stopping"));
                }
            }
            default -> Responses.json(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such admin call: " + call));
        }
        return true;
    }
}
