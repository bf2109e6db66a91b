package org.gluster.events.runtime.pipeline;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Event ids: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then a 12-bit counter that
 * keeps ids from one node strictly increasing within a millisecond, then 62 random bits that keep
 * ids of different nodes apart. Their text sorts in time order.
 */
final class EventIds {
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int counter;

    synchronized String next() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (++counter > 0xfff) {
            lastMillis++; // more than 4096 ids in one millisecond: borrow the next one
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
