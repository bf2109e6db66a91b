package org.gluster.events.sink.webhook;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.gluster.events.api.webhook.WebhookRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The HTTP client all webhooks share (Jetty HttpClient): connections are pooled per destination and
 * kept alive, so each webhook reuses its connection and a slow destination holds only its own.
 * HTTPS verifies certificates against the JVM's trust store.
 */
@Component(service = WebhookClient.class)
public final class WebhookClient {
    private HttpClient client;

    @Activate
    void activate() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        client = new HttpClient();
        client.setSslContextFactory(tls);
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("webhook-client");
        client.setExecutor(threads);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, WebhookRequest.USER_AGENT));
        client.setFollowRedirects(false);
        client.setConnectTimeout(5_000);
        client.setIdleTimeout(60_000);
        client.start();
    }

    @Deactivate
    void deactivate() throws Exception {
        client.stop();
    }

    HttpClient http() {
        return client;
    }
}
