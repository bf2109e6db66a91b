package org.gluster.events.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {
    private static final int COUNT = 10_000;
    /** More than 4096 ids in one millisecond borrow the next milliseconds: 10,000 borrow at most 3. */
    private static final long TOLERANCE_MS = 5;

    @Test
    void tenThousandIdsAreUniqueIncreasingVersion7UuidsStampedWithTheCurrentTime() {
        EventIds ids = new EventIds();
        List<String> generated = new ArrayList<>(COUNT);
        long before = System.currentTimeMillis();
        for (int i = 0; i < COUNT; i++) generated.add(ids.next());
        long after = System.currentTimeMillis();

        assertEquals(COUNT, new HashSet<>(generated).size(), "ids are unique");
        for (int i = 1; i < COUNT; i++) {
            String previous = generated.get(i - 1);
            String current = generated.get(i);
            assertTrue(previous.compareTo(current) < 0, "not increasing at " + i + ": " + previous + " then " + current);
        }
        for (String id : generated) {
            UUID uuid = UUID.fromString(id);
            assertEquals(id, uuid.toString(), "canonical lower-case text");
            assertEquals(7, uuid.version(), id);
            assertEquals(2, uuid.variant(), id + " has not the RFC variant");
            long millis = uuid.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after + TOLERANCE_MS,
                    id + " stamped " + millis + ", generated between " + before + " and " + after);
        }
    }

    @Test
    void idsOfTwoGeneratorsInTheSameMillisecondDifferInTheirRandomBits() {
        String a = new EventIds().next();
        String b = new EventIds().next();

        assertNotEquals(a, b);
        assertNotEquals(a.substring(19), b.substring(19), "random tails must differ");
    }
}
