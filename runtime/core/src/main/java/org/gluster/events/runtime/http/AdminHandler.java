package org.gluster.events.runtime.http;

import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.cluster.ClusterAuth;
import org.gluster.events.runtime.config.EventsConfig;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The admin API other nodes' {@code gluster-eventsapi} call, behind the cluster token (401 without):
 * {@code GET /v1/admin/status} (the health document) and {@code POST /v1/admin/reload}.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/admin/*")
public final class AdminHandler extends Handler.Abstract.NonBlocking {
    @Reference
    private Pipeline pipeline;
    @Reference
    private EventsConfig config;
    @Reference
    private ClusterAuth auth;

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
            default -> Responses.json(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such admin call: " + call));
        }
        return true;
    }
}
