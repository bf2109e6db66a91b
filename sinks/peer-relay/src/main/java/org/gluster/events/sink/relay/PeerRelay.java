package org.gluster.events.sink.relay;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gluster.events.api.EventSink;
import org.gluster.events.runtime.cluster.ClusterAuth;
import org.gluster.events.runtime.cluster.ClusterPeers;
import org.gluster.events.runtime.cluster.Peers;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link PeerRelaySink} per peer of the cluster, looking at the peers every
 * {@value #REFRESH_SECONDS} seconds: a peer that joins gets a relay (from the events accepted from
 * then on), a peer that leaves loses its own. Each relay is an {@link EventSink} service, so the
 * pipeline opens it on a cursor named after the peer, and its position outlives a restart.
 */
@Component(immediate = true)
public final class PeerRelay {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRelay.class);
    static final long REFRESH_SECONDS = 5;

    @Reference
    private ClusterPeers peers;
    @Reference
    private ClusterAuth auth;

    private BundleContext context;
    private HttpClient http;
    private ScheduledExecutorService refresher;
    private final Map<String, ServiceRegistration<EventSink>> relays = new HashMap<>();

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "peer-relay-peers");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    synchronized void deactivate() {
        refresher.shutdownNow();
        relays.values().forEach(ServiceRegistration::unregister);
        relays.clear();
    }

    private synchronized void refresh() {
        Set<String> hosts = new TreeSet<>();
        try {
            for (Peers.Peer peer : peers.peers()) hosts.add(peer.hostname());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the peers; the relays stay as they are: {}", e.toString());
            return;
        }
        relays.keySet().removeIf(host -> {
            if (hosts.contains(host)) return false;
            relays.get(host).unregister();
            LOG.info("Peer {} left: no more relaying to it", host);
            return true;
        });
        for (String host : hosts) {
            if (relays.containsKey(host)) continue;
            PeerRelaySink relay = new PeerRelaySink(host, peers.uri(host, "/v1/listen"), http, auth::token);
            relays.put(host, context.registerService(EventSink.class, relay, null));
            LOG.info("Relaying this node's events to peer {}", host);
        }
    }
}
