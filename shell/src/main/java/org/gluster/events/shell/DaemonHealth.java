package org.gluster.events.shell;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.config.ConfigFiles;
import org.gluster.events.runtime.config.ConfigKey;

/**
 * This node's daemon as its {@code GET /v1/health} shows it.
 *
 * @param ok     the daemon answers and is ready (its sources receive, its journal writes, no sink or plugin failed)
 * @param error  why not, or ""
 * @param health the health document, or an empty map when the daemon did not answer
 */
record DaemonHealth(boolean ok, String error, Map<?, ?> health) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Asks the daemon of this workdir on its REST port (from config.json, as the daemon reads it). */
    static DaemonHealth probe(Layout layout) throws InterruptedException {
        URI health = restUri(layout, null, "/v1/health");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new DaemonHealth(false, "health check answered HTTP " + response.statusCode(), Map.of());
            }
            return of(JSON.readValue(response.body(), Map.class));
        } catch (IOException e) {
            return new DaemonHealth(false, "glustereventsd is not running (start it with glustereventsd --workdir "
                    + layout.workdir() + ")", Map.of());
        }
    }

    /**
     * The URI of {@code path} on a node's REST port ({@code rest-port} of this node's config: the same
     * on every node); {@code host} null for this node, at its {@code bind-address} or loopback.
     */
    static URI restUri(Layout layout, String host, String path) {
        Path config = layout.workdir().resolve("events").resolve("config.json");
        Map<String, Object> settings = ConfigFiles.settings(layout.defaultsFile(), config).value();
        if (host == null) {
            String bind = (String) settings.get(ConfigKey.BIND_ADDRESS.key());
            host = bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.get(ConfigKey.REST_PORT.key()) + path);
    }

    /**
     * A daemon's health document judged: OK when the daemon says it is ready, else why not (its
     * {@code not_ready} lines). A daemon too old to say is judged by its sources alone.
     */
    static DaemonHealth of(Map<?, ?> body) {
        if ("stopped".equals(body.get("eventing"))) {
            return new DaemonHealth(false, "eventing is stopped (gluster-eventsapi start resumes it)", body);
        }
        if (body.get("not_ready") instanceof List<?> notReady) {
            return notReady.isEmpty() ? new DaemonHealth(true, "", body)
                    : new DaemonHealth(false, "not ready: " + String.join("; ", notReady.stream().map(String::valueOf).toList()), body);
        }
        List<String> stopped = new ArrayList<>();
        for (Object source : (List<?>) body.get("sources")) {
            Map<?, ?> s = (Map<?, ?>) source;
            if (!Boolean.TRUE.equals(s.get("running"))) stopped.add(s.get("name") + (s.get("error") == null ? "" : " (" + s.get("error") + ")"));
        }
        return stopped.isEmpty() ? new DaemonHealth(true, "", body)
                : new DaemonHealth(false, "source not receiving: " + String.join(", ", stopped), body);
    }

    /** The {@code sinks} entry named {@code name} (a webhook's is {@code webhook:<url>}), or an empty map. */
    Map<?, ?> sink(String name) {
        if (!(health.get("sinks") instanceof List<?> sinks)) return Map.of();
        for (Object sink : sinks) {
            if (sink instanceof Map<?, ?> entry && name.equals(entry.get("name"))) return entry;
        }
        return Map.of();
    }
}
