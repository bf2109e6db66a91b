package org.gluster.events.sink.webhook;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between attempts at one event: exponential backoff from 0.5 s doubling up to 30 s, each
 * wait a random point in the upper half of its step (jitter, so webhooks that failed together do not
 * retry together); never shorter than the webhook's {@code Retry-After}, never past the give-up time.
 */
final class RetrySchedule {
    static final long FIRST_MS = 500;
    static final long LONGEST_MS = 30_000;

    private long step = FIRST_MS;

    /**
     * The next wait, in milliseconds.
     *
     * @param retryAfterMillis what the webhook asked for, 0 if nothing
     * @param untilGiveUpMillis how long until the event is given up
     */
    long next(long retryAfterMillis, long untilGiveUpMillis) {
        long jittered = ThreadLocalRandom.current().nextLong(step / 2, step + 1);
        step = Math.min(step * 2, LONGEST_MS);
        return Math.max(0, Math.min(Math.max(jittered, retryAfterMillis), untilGiveUpMillis));
    }
}
