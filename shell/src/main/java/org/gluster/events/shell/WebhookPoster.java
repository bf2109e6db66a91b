package org.gluster.events.shell;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.gluster.events.api.webhook.WebhookRequest;

/**
 * POSTs a {@link WebhookRequest} as the daemon's webhook sink does: HTTP/1.1, the same headers,
 * certificates checked against the JVM's trust store, redirects not followed, 10 s to answer.
 */
final class WebhookPoster {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Null when the webhook answered 2xx; else what went wrong ({@code HTTP 404}, the network error). */
    String post(String url, WebhookRequest request) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", WebhookRequest.CONTENT_TYPE)
                .header("User-Agent", WebhookRequest.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        try {
            int status = http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
