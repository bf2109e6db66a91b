package org.gluster.events.runtime.cluster;

import java.io.IOException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Who may call the node-to-node and admin routes: a request with {@code Authorization: Bearer
 * <token>} signed with this cluster's secret ({@link ClusterToken}). Creates the secret on the
 * first start of a node that has none.
 */
@Component(service = ClusterAuth.class)
public final class ClusterAuth {
    private ClusterSecret secret;

    @Activate
    void activate(BundleContext context) throws IOException {
        secret = ClusterSecret.loadOrCreate(RuntimeLayout.from(context).eventsDir());
    }

    /** The secret, for {@link AppAuth}: one copy per daemon, created once. */
    ClusterSecret secret() {
        return secret;
    }

    /** A fresh token for this node's own calls to its peers. */
    public String token() {
        return ClusterToken.mint(secret, "node", System.currentTimeMillis() / 1000);
    }

    /** Whether the request carries a valid, unexpired cluster token. */
    public boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) return false;
        return ClusterToken.verify(secret, header.substring("Bearer ".length()).trim(), System.currentTimeMillis() / 1000);
    }
}
