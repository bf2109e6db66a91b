package org.gluster.events.sink.webhook;

import org.eclipse.jetty.http.HttpDateTime;

/**
 * The {@code Retry-After} header of a 503 or 429 (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 */
final class RetryAfter {
    /** Longer than any give-up age (a year): the wait is capped there anyway, and this cannot overflow. */
    private static final long LONGEST_SECONDS = 366L * 24 * 3600;

    private RetryAfter() {
    }

    /**
     * How long the webhook asked to be left alone, in milliseconds from {@code nowMillis}; 0 when the
     * header is absent, unreadable or in the past.
     */
    static long millis(String value, long nowMillis) {
        if (value == null) return 0;
        String text = value.trim();
        if (text.isEmpty()) return 0;
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds = text.length() > 12 ? LONGEST_SECONDS : Math.min(Long.parseLong(text), LONGEST_SECONDS);
            return seconds * 1000;
        }
        long date = HttpDateTime.parseToEpoch(text);
        return date < 0 ? 0 : Math.min(Math.max(0, date - nowMillis), LONGEST_SECONDS * 1000);
    }
}
