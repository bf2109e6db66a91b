package org.gluster.events.runtime.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of the daemon (Jetty), on {@code bind-address:rest-port}. Bundles add routes
 * by registering a Jetty {@link Handler} service with the property {@value #PATH_PROPERTY} (an exact
 * path such as {@code /v1/health}, or a prefix ending in {@code /*}); routes come and go with their
 * bundles while the server keeps running.
 */
@Component(configurationPid = "org.gluster.events.http", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    public static final String PATH_PROPERTY = "glustereventsd.http.path";

    @interface Config {
        int rest_port() default 24010;

        String bind_address() default "";
    }

    private final Map<String, Handler> exactRoutes = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixRoutes = new ConcurrentHashMap<>();
    private static final long BIND_RETRY_SECONDS = 5;
    private Server server;
    private String address;
    private ScheduledExecutorService retries;

    @Activate
    synchronized void activate(Config config) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("http");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        if (!config.bind_address().isEmpty()) connector.setHost(config.bind_address());
        connector.setPort(config.rest_port());
        server.addConnector(connector);
        server.setHandler(new Router());
        address = (config.bind_address().isEmpty() ? "*" : config.bind_address()) + ":" + config.rest_port();
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "http-bind-retry");
            thread.setDaemon(true);
            return thread;
        });
        listen();
    }

    /** Binds the port; while another process holds it, says so and tries again every few seconds. */
    private synchronized void listen() {
        if (retries.isShutdown()) return;
        try {
            server.start();
            exactRoutes.values().forEach(this::startRoute);
            prefixRoutes.values().forEach(this::startRoute);
            LOG.info("HTTP server listening on {}", address);
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            LOG.error("HTTP server cannot listen on {}: {}; retrying every {} s", address, e.getMessage(), BIND_RETRY_SECONDS);
            retries.schedule(this::listen, BIND_RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    synchronized void deactivate() throws Exception {
        retries.shutdownNow();
        server.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoute(Handler handler, Map<String, Object> properties) {
        String path = String.valueOf(properties.get(PATH_PROPERTY));
        if (path.endsWith("/*")) prefixRoutes.put(path.substring(0, path.length() - 2), handler);
        else exactRoutes.put(path, handler);
        if (server != null && server.isStarted()) startRoute(handler);
    }

    private synchronized void startRoute(Handler handler) {
        if (handler.isStarted()) return;
        try {
            handler.setServer(server);
            handler.start();
        } catch (Exception e) {
            LOG.error("Route handler {} failed to start", handler, e);
        }
    }

    void removeRoute(Handler handler, Map<String, Object> properties) {
        String path = String.valueOf(properties.get(PATH_PROPERTY));
        exactRoutes.remove(path, handler);
        if (path.endsWith("/*")) prefixRoutes.remove(path.substring(0, path.length() - 2), handler);
    }

    /** Finds the route for a request's path: an exact route first, then the longest prefix. */
    private final class Router extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            Handler route = exactRoutes.get(path);
            if (route == null) {
                String best = null;
                for (String prefix : prefixRoutes.keySet()) {
                    if ((path.equals(prefix) || path.startsWith(prefix + "/")) && (best == null || prefix.length() > best.length())) {
                        best = prefix;
                    }
                }
                if (best != null) route = prefixRoutes.get(best);
            }
            if (route != null && route.handle(request, response, callback)) return true;
            Responses.json(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such resource: " + path));
            return true;
        }
    }
}
