package org.gluster.events.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.UrlEncoded;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who may use the application routes ({@code /v1/events}, {@code /v1/peers}): a request carrying,
 * as {@code Authorization: Bearer <credential>} or, for browsers (which cannot set headers on a
 * WebSocket), as the query parameter {@code access_token=<credential>}, one of
 * <ul>
 * <li>the secret of an application registered with {@code gluster-rest app-add} ({@link App});</li>
 * <li>an unexpired {@link AppToken} of an application still registered ({@code gluster-rest token});</li>
 * <li>a {@link ClusterToken}, so the cluster's own tools and daemons need no application.</li>
 * </ul>
 * Applications added or removed (here or synced from a peer) count from the next request. Nothing
 * here logs or returns a credential; callers log {@link #appOf} instead, and must not log a URI
 * that holds an {@code access_token}.
 */
@Component(service = AppAuth.class)
public final class AppAuth {
    /** The query parameter that carries a credential where no header can. */
    public static final String QUERY_PARAMETER = "access_token";
    /** What {@link #appOf} answers for a cluster token. */
    public static final String CLUSTER = App.RESERVED_NAME;

    @Reference
    private ClusterAuth clusterAuth;

    private ClusterSecret secret;
    private RegisteredApps apps;

    @Activate
    void activate(BundleContext context) {
        // The secret ClusterAuth loaded or created: two components creating it at once could clash.
        open(clusterAuth.secret(), RuntimeLayout.from(context).eventsDir());
    }

    /** Checks against {@code secret} and the {@code apps.json} of {@code eventsDir}. */
    void open(ClusterSecret clusterSecret, Path eventsDir) {
        secret = clusterSecret;
        apps = new RegisteredApps(eventsDir);
    }

    /** Whether the request carries a valid application secret, app token or cluster token. */
    public boolean authorized(Request request) {
        return appOf(request).isPresent();
    }

    /**
     * Who the request's credential names, for logs: the application's name, or {@value #CLUSTER}
     * for a cluster token; empty when the request carries no valid credential.
     */
    public Optional<String> appOf(Request request) {
        String query;
        try {
            query = request.getHttpURI().getQuery();
        } catch (RuntimeException e) {
            query = null;
        }
        return appOf(credentials(request.getHeaders().get(HttpHeader.AUTHORIZATION), query), System.currentTimeMillis() / 1000);
    }

    /** The first of {@code credentials} that is valid at {@code nowSeconds}, as {@link #appOf(Request)} names it. */
    Optional<String> appOf(List<String> credentials, long nowSeconds) {
        for (String credential : credentials) {
            Optional<String> who = appOf(credential, nowSeconds);
            if (who.isPresent()) return who;
        }
        return Optional.empty();
    }

    private Optional<String> appOf(String credential, long nowSeconds) {
        if (credential.isEmpty()) return Optional.empty();
        Map<String, App> registered = apps.current();
        if (AppToken.looksLikeOne(credential)) return AppToken.verify(secret, credential, nowSeconds, registered::containsKey);
        if (ClusterToken.verify(secret, credential, nowSeconds)) return Optional.of(CLUSTER);
        String found = null;
        for (App app : registered.values()) { // every one, so the time taken tells nothing
            if (app.accepts(credential)) found = app.name();
        }
        return Optional.ofNullable(found);
    }

    /**
     * The credentials a request offers, in the order they are tried: the bearer credential of
     * {@code authorization}, then each {@value #QUERY_PARAMETER} of the (raw) {@code query}.
     */
    static List<String> credentials(String authorization, String query) {
        List<String> credentials = new ArrayList<>();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credentials.add(authorization.substring(7).trim());
        }
        if (query != null && !query.isEmpty()) {
            try {
                UrlEncoded.decodeTo(query, (name, value) -> {
                    if (QUERY_PARAMETER.equals(name) && value != null) credentials.add(value.trim());
                }, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                // a malformed query carries no credential
            }
        }
        return credentials;
    }
}
