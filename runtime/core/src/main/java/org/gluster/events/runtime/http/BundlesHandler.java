package org.gluster.events.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.bundles.BundleFailure;
import org.gluster.events.runtime.bundles.BundleManager;
import org.gluster.events.runtime.cluster.ClusterAuth;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The bundles of this daemon, behind the cluster token (401 without), for
 * {@code gluster-eventsapi bundle}:
 * <ul>
 * <li>{@code GET /v1/admin/bundles}: {@code {"bundles": [row...]}}; {@code GET .../bundles/NAME}: one row</li>
 * <li>{@code POST /v1/admin/bundles?file=NAME.jar} with the jar as body: installs it into the
 * hot-deploy folder (409 if a bundle of that symbolic name is installed)</li>
 * <li>{@code POST .../bundles/NAME/update} with a jar body, or none to read it again from its location</li>
 * <li>{@code POST .../bundles/NAME/start}, {@code .../stop}; {@code DELETE .../bundles/NAME}</li>
 * </ul>
 * NAME is a bundle id, a symbolic name or its last part ({@code webhook}). Each change answers the
 * bundle's row; an error is {@code {"error": why}} with 400, 404, 409 or 500.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/v1/admin/bundles/*", immediate = true)
public final class BundlesHandler extends Handler.Abstract {
    private static final String ROOT = "/v1/admin/bundles";
    /** The largest jar taken: plugins are small; this keeps a wrong upload from filling the heap. */
    static final int MAX_JAR_BYTES = 64 * 1024 * 1024;

    @Reference
    private ClusterAuth auth;
    @Reference
    private ServiceComponentRuntime scr;
    private BundleManager bundles;

    @Activate
    void activate(BundleContext context) throws IOException {
        bundles = new BundleManager(context, scr);
    }

    @Deactivate
    void deactivate() {
        bundles.close();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!auth.authorized(request)) {
            Responses.unauthorized(response, callback);
            return true;
        }
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        String rest = path.length() > ROOT.length() ? path.substring(ROOT.length() + 1) : "";
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/", -1);
        try {
            Object answer;
            if (parts.length == 0 && method.equals("GET")) {
                answer = Map.of("bundles", bundles.list());
            } else if (parts.length == 0 && method.equals("POST")) {
                answer = bundles.install(Request.extractQueryParameters(request).getValue("file"), body(request, true));
            } else if (parts.length == 1 && method.equals("GET")) {
                answer = bundles.describe(parts[0]);
            } else if (parts.length == 1 && method.equals("DELETE")) {
                answer = bundles.uninstall(parts[0]);
            } else if (parts.length == 2 && method.equals("POST") && parts[1].equals("update")) {
                answer = bundles.update(parts[0], body(request, false));
            } else if (parts.length == 2 && method.equals("POST") && parts[1].equals("start")) {
                answer = bundles.start(parts[0]);
            } else if (parts.length == 2 && method.equals("POST") && parts[1].equals("stop")) {
                answer = bundles.stop(parts[0]);
            } else {
                throw new BundleFailure(HttpStatus.NOT_FOUND_404, "no such bundle call: " + method + " " + path
                        + " (GET, POST " + ROOT + "; GET, DELETE " + ROOT + "/NAME; POST " + ROOT + "/NAME/update|start|stop)");
            }
            Responses.json(response, callback, HttpStatus.OK_200, answer);
        } catch (BundleFailure failure) {
            Responses.json(response, callback, failure.status, Map.of("error", failure.getMessage()));
        } catch (IOException e) {
            Responses.json(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", "cannot read the request body: " + e.getMessage()));
        } catch (RuntimeException e) {
            Responses.json(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", e.toString()));
        }
        return true;
    }

    /** The jar sent; null when nothing was sent and {@code required} is false. */
    private static byte[] body(Request request, boolean required) throws IOException, BundleFailure {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_JAR_BYTES + 1);
        }
        if (body.length > MAX_JAR_BYTES) {
            throw new BundleFailure(HttpStatus.PAYLOAD_TOO_LARGE_413, "the jar is larger than " + MAX_JAR_BYTES / 1024 / 1024 + " MB");
        }
        if (body.length == 0) {
            if (required) throw new BundleFailure(HttpStatus.BAD_REQUEST_400, "no jar: send the bundle's bytes as the body");
            return null;
        }
        return body;
    }
}
