package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.gluster.events.runtime.config.ConfigKey;
import org.gluster.events.runtime.config.EventsConfig;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The other nodes of the cluster as the peer relay sees them: glusterd's peers and the
 * {@code peers} of the events config, read afresh on each call, and the REST address of each (every
 * node listens on the same {@code rest-port}).
 */
@Component(service = ClusterPeers.class)
public final class ClusterPeers {
    @Reference
    private EventsConfig config;
    private RuntimeLayout layout;

    @Activate
    void activate(BundleContext context) {
        layout = RuntimeLayout.from(context);
    }

    /** The peers now, sorted by host, never this node. */
    public List<Peers.Peer> peers() throws IOException {
        return Peers.of(layout.workdir(), config.settings());
    }

    /** {@code path} on {@code host}'s REST port; an IPv6 address is bracketed. */
    public URI uri(String host, String path) {
        Object port = config.settings().getOrDefault(ConfigKey.REST_PORT.key(), ConfigKey.REST_PORT.defaultValue());
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
    }
}
