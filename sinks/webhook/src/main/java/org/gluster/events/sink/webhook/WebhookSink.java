package org.gluster.events.sink.webhook;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook (one entry of {@code webhooks.json}, one Config Admin factory configuration): a thread
 * that reads this webhook's cursor and POSTs each event, in order, acknowledging it once the
 * webhook answered 2xx. Network errors, 5xx and 429 are retried with exponential backoff and jitter
 * until they succeed, so a webhook that is down holds back only itself.
 */
@Component(configurationPid = "org.gluster.events.sink.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class WebhookSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long LONGEST_RETRY_MS = 30_000;
    private static final long REQUEST_TIMEOUT_MS = 10_000;

    @interface Config {
        String url();

        /** Leading dots keep the token and secret out of the service properties. */
        String _token() default "";

        String _secret() default "";

        String sink_name();
    }

    private final WebhookClient client;
    private final String url;
    private final String token;
    private final String secret;
    private final String name;
    private volatile Thread sender;

    @Activate
    public WebhookSink(@Reference WebhookClient client, Config config) {
        this.client = client;
        this.url = config.url();
        this.token = config._token();
        this.secret = config._secret();
        this.name = config.sink_name();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(EventCursor cursor) {
        Thread thread = new Thread(() -> deliverUntilClosed(cursor), "sink-" + name);
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    private void deliverUntilClosed(EventCursor cursor) {
        try {
            while (!cursor.isClosed()) {
                List<Event> events = cursor.poll(256, 1, TimeUnit.SECONDS);
                for (Event event : events) {
                    if (!deliver(event, cursor)) return;
                    cursor.acknowledge(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until the webhook takes the event or refuses it for good; false once the sink is closed. */
    private boolean deliver(Event event, EventCursor cursor) throws InterruptedException {
        long backoff = FIRST_RETRY_MS;
        for (int attempt = 1; !cursor.isClosed(); attempt++) {
            String failure;
            try {
                ContentResponse response = request(event).send();
                int status = response.getStatus();
                if (status / 100 == 2) {
                    if (attempt > 1) LOG.info("Webhook {} took event {} after {} attempts", url, event.id(), attempt);
                    return true;
                }
                if (status != 429 && status / 100 == 4) {
                    LOG.warn("Webhook {} refused event {} with HTTP {}; not retrying", url, event.id(), status);
                    return true;
                }
                failure = "HTTP " + status;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = e.getCause() != null ? e.getCause().toString() : e.toString();
            }
            long wait = ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warn("Webhook {} failed for event {} ({}), attempt {}; retrying in {} ms", url, event.id(), failure,
                        attempt, wait);
            }
            Thread.sleep(wait);
            backoff = Math.min(backoff * 2, LONGEST_RETRY_MS);
        }
        return false;
    }

    private Request request(Event event) {
        Request request = client.http().newRequest(url)
                .method(HttpMethod.POST)
                .timeout(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .body(new StringRequestContent("application/json", event.toJson()));
        request.headers(headers -> {
            headers.put("webhook-id", event.id());
            WebhookAuth.authorization(token, secret, event, System.currentTimeMillis() / 1000)
                    .ifPresent(value -> headers.put(HttpHeader.AUTHORIZATION, value));
        });
        return request;
    }

    @Override
    public void close() {
        Thread thread = sender;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "webhook " + url; // never the token or secret
    }
}
