package org.gluster.events.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final long NOW = Instant.parse("2026-11-23T20:00:00Z").toEpochMilli();

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(at);
    }

    @Test
    void delaySecondsAreMilliseconds() {
        assertEquals(2000, RetryAfter.millis("2", NOW));
        assertEquals(120_000, RetryAfter.millis(" 120 ", NOW));
        assertEquals(0, RetryAfter.millis("0", NOW));
    }

    @Test
    void anImfFixdateIsTheTimeLeftUntilThen() {
        assertEquals(90_000, RetryAfter.millis(httpDate(Instant.ofEpochMilli(NOW).plusSeconds(90)), NOW));
        assertEquals(90_000, RetryAfter.millis("Mon, 23 Nov 2026 20:01:30 GMT", NOW));
    }

    @Test
    void theObsoleteDateFormsAreReadToo() {
        assertEquals(90_000, RetryAfter.millis("Monday, 23-Nov-26 20:01:30 GMT", NOW));
        assertEquals(90_000, RetryAfter.millis("Mon Nov 23 20:01:30 2026", NOW));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertEquals(0, RetryAfter.millis(httpDate(Instant.ofEpochMilli(NOW).minusSeconds(5)), NOW));
    }

    @Test
    void anAbsentOrUnreadableHeaderMeansNoWait() {
        assertEquals(0, RetryAfter.millis(null, NOW));
        assertEquals(0, RetryAfter.millis("", NOW));
        assertEquals(0, RetryAfter.millis("soon", NOW));
        assertEquals(0, RetryAfter.millis("-5", NOW));
        assertEquals(0, RetryAfter.millis("1.5", NOW));
    }

    @Test
    void anEnormousDelayIsBoundedToAYearWithoutOverflow() {
        long year = 366L * 24 * 3600 * 1000;
        assertEquals(year, RetryAfter.millis("99999999999999999999999", NOW));
        assertEquals(year, RetryAfter.millis("999999999999", NOW));
    }
}
