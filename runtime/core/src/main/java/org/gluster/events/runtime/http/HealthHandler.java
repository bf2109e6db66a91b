package org.gluster.events.runtime.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.config.EventsConfig;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /v1/health}, the liveness check: {@code 200} while the daemon answers, with the node
 * id, whether it is ready and what is not ({@link Readiness}), the state of every source and every
 * sink cursor, the webhooks in use (URLs only) and the config warnings. The readiness check with its
 * own status code is {@code /v1/health/ready} ({@link ReadinessHandler}).
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/health")
public final class HealthHandler extends Handler.Abstract.NonBlocking {
    @Reference
    private Pipeline pipeline;
    @Reference
    private EventsConfig config;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        Responses.json(response, callback, HttpStatus.OK_200, body(pipeline, config));
        return true;
    }

    /** The health document; the admin API's status is the same. */
    static Map<String, Object> body(Pipeline pipeline, EventsConfig config) {
        Map<String, Object> status = pipeline.status();
        List<String> notReady = Readiness.notReady(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("ready", notReady.isEmpty());
        body.put("not_ready", notReady);
        body.putAll(status);
        body.put("webhooks", config.webhookUrls());
        body.put("config_warnings", config.warnings());
        return body;
    }
}
