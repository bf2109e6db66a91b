package org.gluster.events.runtime.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.gluster.events.api.Event;
import org.gluster.events.api.webhook.WebhookAuth;

/**
 * {@code webhook-test} from one node: a POST with no body and the webhook's token or JWT, as the
 * existing tool sends; any 2xx means this node can deliver there.
 */
public final class WebhookProbe {
    private WebhookProbe() {
    }

    /** "" when the webhook answered 2xx, else why not; never the token or secret. */
    public static String probe(String url, String token, String secret) throws InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            return "not a URL: " + url;
        }
        WebhookAuth.authorization(token, secret, Event.of(now, "WEBHOOK_TEST", Map.of()), now)
                .ifPresent(value -> request.header("Authorization", value));
        try {
            int status = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? "" : "HTTP " + status;
        } catch (ConnectException e) {
            return "cannot connect to " + URI.create(url).getAuthority();
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
