package org.gluster.events.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.http.HttpServer;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the dashboard's files from this bundle as they are (no build step): {@code /} is the page,
 * {@code /dashboard/*} its script and style sheet. Any other path is left to the other routes, so
 * unknown API paths still get their JSON 404. The page itself talks to {@code /v1/cluster} and
 * {@code /v1/events} with the application token the user logs in with; these files hold no data.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/*")
public final class DashboardHandler extends Handler.Abstract.NonBlocking {
    /** Path → file of this bundle and its media type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/dashboard/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"},
            "/favicon.ico", new String[] {"favicon.svg", "image/svg+xml"});

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String[] file = FILES.get(Request.getPathInContext(request));
        if (file == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) return false;
        byte[] content = read(file[0]);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, file[1]);
        // The files change with the daemon's version only, but a browser must never keep an old script for a new API.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        // The page loads nothing from elsewhere and may not be framed.
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, "HEAD".equals(request.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(content), callback);
        return true;
    }

    static byte[] read(String name) {
        try (InputStream in = DashboardHandler.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) throw new IllegalStateException("the bundle lacks dashboard/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
