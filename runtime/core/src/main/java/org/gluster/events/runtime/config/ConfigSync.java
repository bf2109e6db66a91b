package org.gluster.events.runtime.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gluster.events.runtime.cluster.ClusterAuth;
import org.gluster.events.runtime.cluster.Peers;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's events configuration at the newest version in the cluster without anyone
 * running {@code sync}: a newer copy pushed by a peer's {@code gluster-eventsapi} is taken at once
 * ({@link #offer}), and every {@value #PULL_SECONDS} seconds (first at start) the peers are asked
 * for theirs, so a node that was down catches up within seconds of coming back.
 */
@Component(service = ConfigSync.class, immediate = true)
public final class ConfigSync {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long PULL_SECONDS = 5;

    @Reference
    private EventsConfig config;
    @Reference
    private ClusterAuth auth;

    private RuntimeLayout layout;
    private ScheduledExecutorService puller;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Activate
    void activate(BundleContext context) {
        layout = RuntimeLayout.from(context);
        puller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "config-sync");
            thread.setDaemon(true);
            return thread;
        });
        puller.scheduleWithFixedDelay(this::pullFromPeers, 1, PULL_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        puller.shutdownNow();
    }

    /** This node's copy. */
    public ClusterConfig current() throws IOException {
        return ClusterConfig.read(layout.eventsDir());
    }

    /** Takes {@code offered} if it is newer than this node's copy; says whether it did. */
    public synchronized boolean offer(ClusterConfig offered, String from) throws IOException {
        ClusterConfig mine = current();
        if (offered.version() <= mine.version()) return false;
        keepingNodeLocalSettings(offered, mine).write(layout.eventsDir());
        LOG.info("Config version {} taken from {} (was {})", offered.version(), from, mine.version());
        config.reload("config version " + offered.version() + " from " + from);
        return true;
    }

    /** The offered configuration with this node's own addresses and paths ({@link ConfigKey#nodeLocal()}). */
    private static ClusterConfig keepingNodeLocalSettings(ClusterConfig offered, ClusterConfig mine) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(offered.config());
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.nodeLocal()) continue;
            merged.remove(key.key());
            if (mine.config().containsKey(key.key())) merged.put(key.key(), mine.config().get(key.key()));
        }
        return new ClusterConfig(offered.version(), merged, offered.webhooks(), offered.apps(), offered.plugins());
    }

    private void pullFromPeers() {
        try {
            String port = String.valueOf(config.settings().get(ConfigKey.REST_PORT.key()));
            for (Peers.Peer peer : Peers.of(layout.workdir(), config.settings())) {
                String host = peer.hostname().contains(":") ? "[" + peer.hostname() + "]" : peer.hostname();
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                    URI.create("http://" + host + ":" + port + "/v1/admin/config"))
                            .timeout(Duration.ofSeconds(3)).header("Authorization", "Bearer " + auth.token()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) offer(ClusterConfig.fromMap(JSON.readValue(answer.body(), Map.class)), peer.hostname());
                    else LOG.debug("Peer {} answered {} for its config", peer.hostname(), answer.statusCode());
                } catch (IOException e) {
                    LOG.debug("Peer {} unreachable for config: {}", peer.hostname(), e.toString()); // down peers are normal
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Config pull from peers failed: {}", e.toString());
        }
    }
}
