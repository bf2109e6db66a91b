package org.gluster.events.sink.webhook;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.gluster.events.api.Event;
import org.gluster.events.api.EventPatterns;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.gluster.events.api.webhook.DeadLetter;
import org.gluster.events.api.webhook.WebhookRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook (one entry of {@code webhooks.json}, one Config Admin factory configuration): a thread
 * that reads this webhook's cursor and POSTs each event, in order, acknowledging it once it is
 * settled — the webhook answered 2xx, or the event became a dead letter.
 *
 * <ul>
 *   <li>Network errors, 5xx, 429 (and any other answer but 2xx and 4xx) are retried with
 *       exponential backoff and jitter, waiting at least as long as a 503's or 429's
 *       {@code Retry-After} asks ({@link RetrySchedule}).</li>
 *   <li>Another 4xx is a dead letter at once: the webhook refused this event, and sending it again
 *       would get the same answer.</li>
 *   <li>An event still failing when it is {@code max.age.hours} old (from when the node received it)
 *       becomes a dead letter: the webhook's later events are not held back forever.</li>
 * </ul>
 * A webhook that is down holds back only itself.
 */
@Component(configurationPid = "org.gluster.events.sink.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class WebhookSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private static final long REQUEST_TIMEOUT_MS = 10_000;
    /**
     * How long {@link #close()} lets a request in flight finish: its answer decides whether the event
     * is acknowledged, so waiting for it spares the next sink on this cursor a duplicate.
     */
    static final long IN_FLIGHT_GRACE_MS = 5_000;

    @interface Config {
        String url();

        /** Leading dots keep the token and secret out of the service properties. */
        String _token() default "";

        String _secret() default "";

        String sink_name();

        /** The give-up age (config {@code webhook-max-age-hours}). */
        int max_age_hours() default 24;

        /** The events this webhook subscribes to ({@code webhook-add --events}); none: all of them. */
        String[] events() default {};
    }

    private final WebhookClient client;
    private final DeadLetters deadLetters;
    private final String url;
    private final String token;
    private final String secret;
    private final String name;
    private final int maxAgeHours;
    /** Null: every event. */
    private final EventPatterns subscribed;
    private final DeliveryStats stats = new DeliveryStats();
    private volatile Sender sender;

    @Activate
    public WebhookSink(@Reference WebhookClient client, @Reference DeadLetters deadLetters, Config config) {
        this.client = client;
        this.deadLetters = deadLetters;
        this.url = config.url();
        this.token = config._token();
        this.secret = config._secret();
        this.name = config.sink_name();
        this.maxAgeHours = Math.max(1, config.max_age_hours());
        EventPatterns patterns = EventPatterns.of(List.of(config.events()));
        this.subscribed = patterns.isEmpty() ? null : patterns;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(EventCursor cursor) {
        Sender opened = new Sender(cursor);
        sender = opened;
        opened.thread.start();
    }

    /**
     * Stops delivering: at once when no request is in flight; else after the webhook answered (the
     * event is then acknowledged or dead-lettered), or after {@link #IN_FLIGHT_GRACE_MS}, when the
     * request is abandoned and its event is sent again by the next sink on this cursor.
     */
    @Override
    public void close() {
        Sender current = sender;
        if (current != null) current.stop();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = stats.toMap(url);
        if (subscribed != null) status.put("events", subscribed.patterns());
        return status;
    }

    @Override
    public String toString() {
        return "webhook " + url; // never the token or secret
    }

    /** One opening of the sink: the thread that delivers from one cursor until it is closed. */
    private final class Sender implements Runnable {
        private final EventCursor cursor;
        private final Thread thread;
        /** Counted down by {@link #stop()}: ends a wait between attempts at once. */
        private final CountDownLatch stopped = new CountDownLatch(1);
        /** Guarded by this: stop was asked; an attempt (request and its outcome) is under way. */
        private boolean stopping;
        private boolean attempting;

        Sender(EventCursor cursor) {
            this.cursor = cursor;
            this.thread = new Thread(this, "sink-" + name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (stopped.getCount() > 0 && !cursor.isClosed()) {
                    for (Event event : cursor.poll(256, 1, TimeUnit.SECONDS)) {
                        if (subscribed != null && !subscribed.test(event.name())) {
                            stats.notSubscribed();
                        } else if (!settle(event)) {
                            return;
                        }
                        cursor.acknowledge(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Delivers the event or makes it a dead letter; false if the sink was closed first. */
        private boolean settle(Event event) throws InterruptedException {
            long received = event.receivedMillis() > 0 ? event.receivedMillis() : System.currentTimeMillis();
            long giveUpAt = received + TimeUnit.HOURS.toMillis(maxAgeHours);
            RetrySchedule schedule = new RetrySchedule();
            String deadReason = null;
            int attempts = 0;
            boolean lastChance = false;
            while (true) {
                long retryAfter = 0;
                if (!beginAttempt()) return false;
                try {
                    if (deadReason == null) {
                        attempts++;
                        Answer answer = post(event);
                        if (answer.delivered()) {
                            stats.delivered();
                            if (attempts > 1) LOG.info("Webhook {} took event {} after {} attempts", url, event.id(), attempts);
                            return true;
                        }
                        stats.failed(answer.error(), System.currentTimeMillis());
                        if (answer.refused()) {
                            deadReason = answer.error();
                        } else if (lastChance || System.currentTimeMillis() >= giveUpAt) {
                            deadReason = "gave up after " + maxAgeHours + " h: " + answer.error();
                        } else {
                            retryAfter = answer.retryAfterMillis();
                            stats.retried();
                            logRetry(event, answer.error(), attempts);
                        }
                    }
                    if (deadReason != null && deadLetter(event, deadReason, attempts)) return true;
                } finally {
                    endAttempt();
                }
                long now = System.currentTimeMillis();
                // A dead letter that could not be written (disk full) is tried again on the usual
                // schedule, not at once: past the give-up time that cap would be 0 and the thread would spin.
                long wait = deadReason != null ? schedule.next(retryAfter, Long.MAX_VALUE) : schedule.next(retryAfter, giveUpAt - now);
                // A wait cut short at the give-up time leads to the last attempt, whatever the clock says then.
                lastChance = now + wait >= giveUpAt;
                if (stopped.await(wait, TimeUnit.MILLISECONDS)) return false;
            }
        }

        private void logRetry(Event event, String error, int attempts) {
            if (attempts == 1 || attempts % 10 == 0) {
                LOG.warn("Webhook {} failed for event {} ({}), attempt {}; retrying", url, event.id(), error, attempts);
            }
        }

        /** Writes the dead letter; false if the file could not be written (the event then waits and tries again). */
        private boolean deadLetter(Event event, String reason, int attempts) {
            long now = System.currentTimeMillis();
            try {
                deadLetters.add(new DeadLetter(url, reason, now / 1000, attempts, event));
            } catch (IOException e) {
                stats.failed("could not write the dead letter: " + e, now);
                LOG.error("Webhook {}: event {} ({}) could not be written to {}: {}; trying again", url, event.id(), reason,
                        deadLetters.path(), e.toString());
                return false;
            }
            stats.deadLettered();
            LOG.warn("Webhook {}: event {} is a dead letter after {} attempt(s) ({}); kept in {}", url, event.id(), attempts,
                    reason, deadLetters.path());
            return true;
        }

        private Answer post(Event event) throws InterruptedException {
            WebhookRequest request = WebhookRequest.of(event, token, secret, System.currentTimeMillis() / 1000);
            try {
                ContentResponse response = client.http().newRequest(url)
                        .method(HttpMethod.POST)
                        .timeout(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .headers(headers -> request.headers().forEach(headers::put))
                        .body(new StringRequestContent(WebhookRequest.CONTENT_TYPE, request.body()))
                        .send();
                return Answer.of(response.getStatus(), response.getHeaders().get(HttpHeader.RETRY_AFTER),
                        System.currentTimeMillis());
            } catch (ExecutionException e) {
                return Answer.failed(String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                return Answer.failed("no answer within " + REQUEST_TIMEOUT_MS / 1000 + " s");
            }
        }

        private synchronized boolean beginAttempt() {
            if (stopping) return false;
            attempting = true;
            return true;
        }

        private synchronized void endAttempt() {
            attempting = false;
        }

        void stop() {
            boolean inFlight;
            synchronized (this) {
                stopping = true;
                inFlight = attempting;
            }
            stopped.countDown();
            // Polling or waiting to retry: nothing is lost by interrupting. In flight: let it finish.
            if (!inFlight) thread.interrupt();
            try {
                thread.join(IN_FLIGHT_GRACE_MS);
                if (thread.isAlive()) {
                    LOG.warn("Webhook {} did not answer within {} s of closing; the request is abandoned and its event "
                            + "will be sent again", url, IN_FLIGHT_GRACE_MS / 1000);
                    thread.interrupt();
                    thread.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What one POST came to.
     *
     * @param status           the HTTP status, or 0 when there was no answer
     * @param error            what to record when it was not a 2xx: {@code HTTP 503}, or the network error
     * @param retryAfterMillis for a 503 or 429, how long the webhook asked to wait
     */
    record Answer(int status, String error, long retryAfterMillis) {
        static Answer of(int status, String retryAfter, long nowMillis) {
            boolean asksToWait = status == 503 || status == 429;
            return new Answer(status, "HTTP " + status, asksToWait ? RetryAfter.millis(retryAfter, nowMillis) : 0);
        }

        static Answer failed(String error) {
            return new Answer(0, error, 0);
        }

        boolean delivered() {
            return status / 100 == 2;
        }

        /** A 4xx other than 429 (Too Many Requests): the webhook will not take this event. */
        boolean refused() {
            return status / 100 == 4 && status != 429;
        }
    }
}
