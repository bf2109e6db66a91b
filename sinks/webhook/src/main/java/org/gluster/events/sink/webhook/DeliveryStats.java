package org.gluster.events.sink.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What one webhook did since the sink started, for status and health; read from any thread. */
final class DeliveryStats {
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong notSubscribed = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile LastError lastError = new LastError("", 0);

    private record LastError(String text, long atSeconds) {
    }

    void delivered() {
        delivered.incrementAndGet();
    }

    /** An event outside the webhook's subscription: passed over, and acknowledged with the rest. */
    void notSubscribed() {
        notSubscribed.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void deadLettered() {
        deadLetters.incrementAndGet();
    }

    /** @param text what went wrong, for people: never a token or secret */
    void failed(String text, long nowMillis) {
        failures.incrementAndGet();
        lastError = new LastError(text, nowMillis / 1000);
    }

    /** {@code url, delivered, failures, retries, dead_letters, not_subscribed, last_error, last_error_at} (0 and "" until an error). */
    Map<String, Object> toMap(String url) {
        LastError error = lastError;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("url", url);
        status.put("delivered", delivered.get());
        status.put("failures", failures.get());
        status.put("retries", retries.get());
        status.put("dead_letters", deadLetters.get());
        status.put("not_subscribed", notSubscribed.get());
        status.put("last_error", error.text());
        status.put("last_error_at", error.atSeconds());
        return status;
    }
}
