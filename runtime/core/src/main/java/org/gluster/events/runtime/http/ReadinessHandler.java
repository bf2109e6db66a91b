package org.gluster.events.runtime.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /v1/health/ready}, the readiness check for load balancers and systemd-style probes:
 * {@code 200 {"ready": true, "not_ready": []}} when the node does its job, else {@code 503} with
 * one line per part that is not ready, for example {@code "source udp: Address already in use"}.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/health/ready")
public final class ReadinessHandler extends Handler.Abstract.NonBlocking {
    @Reference
    private Pipeline pipeline;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        List<String> notReady = Readiness.notReady(pipeline.status());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", notReady.isEmpty());
        body.put("not_ready", notReady);
        Responses.json(response, callback, notReady.isEmpty() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503, body);
        return true;
    }
}
