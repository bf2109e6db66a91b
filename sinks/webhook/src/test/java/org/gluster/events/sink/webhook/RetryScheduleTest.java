package org.gluster.events.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final long FAR = Long.MAX_VALUE / 2;

    @Test
    void waitsDoubleFromHalfASecondUpToThirtySecondsWithJitterInTheUpperHalf() {
        RetrySchedule schedule = new RetrySchedule();
        long step = 500;
        for (int attempt = 1; attempt <= 12; attempt++) {
            long wait = schedule.next(0, FAR);
            assertTrue(wait >= step / 2 && wait <= step, "wait " + wait + " outside [" + step / 2 + ", " + step + "] at attempt " + attempt);
            step = Math.min(step * 2, 30_000);
        }
    }

    @Test
    void aLongerRetryAfterWinsAndTheScheduleGoesOnDoublingUnderIt() {
        RetrySchedule schedule = new RetrySchedule();

        assertEquals(2000, schedule.next(2000, FAR));
        assertEquals(2000, schedule.next(2000, FAR));
        long third = schedule.next(0, FAR);
        assertTrue(third >= 1000 && third <= 2000, "the third step is 2 s, with jitter: " + third);
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheBackoff() {
        RetrySchedule schedule = new RetrySchedule();
        schedule.next(0, FAR);
        schedule.next(0, FAR);

        long wait = schedule.next(1, FAR);
        assertTrue(wait >= 1000, "the third step is 2 s with jitter, not 1 ms: " + wait);
    }

    @Test
    void noWaitGoesPastTheGiveUpTime() {
        RetrySchedule schedule = new RetrySchedule();

        assertEquals(1500, schedule.next(3_600_000, 1500));
        assertEquals(0, schedule.next(3_600_000, -20));
    }
}
