package org.gluster.events.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.runtime.journal.Journal.CursorStatus;
import org.junit.jupiter.api.Test;

class MemoryJournalTest {
    private static final Supplier<CursorFilter> NO_FILTERS = () -> CursorFilter.NONE;

    private static Event event(int n) {
        return Event.of("id-" + n, "node-1", 1_795_462_277L + n, "VOLUME_CREATE", Map.of("name", "gv" + n), false);
    }

    private static List<Event> events(int from, int toInclusive) {
        List<Event> list = new ArrayList<>();
        for (int n = from; n <= toInclusive; n++) list.add(event(n));
        return list;
    }

    private static List<Event> poll(EventCursor cursor) throws InterruptedException {
        return cursor.poll(100, 10, TimeUnit.MILLISECONDS);
    }

    private static CursorStatus status(MemoryJournal journal, String name) {
        return journal.cursors().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Drops the events named in {@code droppedNames}. */
    private static Supplier<CursorFilter> dropping(String... droppedNames) {
        List<String> dropped = List.of(droppedNames);
        return () -> e -> dropped.contains(e.message().get("name")) ? null : e;
    }

    @Test
    void whileTheFiltersAreBeingReplacedAPollHandsOutNothingAndLosesNothing() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 2)) journal.append(e);
        AtomicReference<CursorFilter> filter = new AtomicReference<>();
        EventCursor cursor = journal.open("sink", filter::get);

        assertTrue(poll(cursor).isEmpty(), "handed out while the filters were held");
        assertEquals(2, cursor.pending());

        filter.set(CursorFilter.NONE);
        assertEquals(events(1, 2), poll(cursor));
    }

    @Test
    void aPollAppliesTheFiltersInForceWhenTheEventsArriveNotThoseOfWhenItBeganWaiting() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        AtomicReference<CursorFilter> filter = new AtomicReference<>(CursorFilter.NONE);
        EventCursor cursor = journal.open("sink", filter::get);
        AtomicReference<List<Event>> polled = new AtomicReference<>();
        Thread sink = new Thread(() -> {
            try {
                polled.set(cursor.poll(100, 5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sink.start();
        Thread.sleep(200); // the sink waits for events with the filters of then

        filter.set(e -> null); // a filter that drops everything comes into force
        journal.append(event(1));
        sink.join(5_000);

        assertEquals(List.of(), polled.get(), "an event read after the filter came into force passed without it");
    }

    @Test
    void registeredCursorSeesEventsAppendedAfterRegistrationInOrder() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.append(event(0)); // before registration: not for this cursor
        journal.register("sink");
        for (Event e : events(1, 3)) journal.append(e);

        EventCursor cursor = journal.open("sink", NO_FILTERS);

        assertEquals(events(1, 3), cursor.poll(100, 1, TimeUnit.SECONDS));
    }

    @Test
    void pollRespectsMaxAndContinuesWhereItStopped() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 5)) journal.append(e);
        EventCursor cursor = journal.open("sink", NO_FILTERS);

        assertEquals(events(1, 2), cursor.poll(2, 1, TimeUnit.SECONDS));
        assertEquals(events(3, 5), cursor.poll(10, 1, TimeUnit.SECONDS));
    }

    @Test
    void pollTimesOutEmptyWhenNothingWasAppended() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        EventCursor cursor = journal.open("sink", NO_FILTERS);

        assertTrue(cursor.poll(100, 50, TimeUnit.MILLISECONDS).isEmpty());
        assertFalse(cursor.isClosed());
    }

    @Test
    void reopenedCursorResumesAfterTheAcknowledgedEventAndRereadsUnacknowledgedOnes() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 4)) journal.append(e);
        EventCursor first = journal.open("sink", NO_FILTERS);
        List<Event> taken = first.poll(100, 1, TimeUnit.SECONDS);
        assertEquals(events(1, 4), taken);

        first.acknowledge(taken.get(1)); // event 2: events 3 and 4 were taken but not acknowledged
        journal.close("sink");
        EventCursor second = journal.open("sink", NO_FILTERS);

        assertEquals(events(3, 4), second.poll(100, 1, TimeUnit.SECONDS));
        assertEquals(2, status(journal, "sink").acknowledged());
    }

    @Test
    void acknowledgingOnAClosedCursorDoesNotMoveThePosition() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 2)) journal.append(e);
        EventCursor cursor = journal.open("sink", NO_FILTERS);
        List<Event> taken = poll(cursor);
        journal.close("sink");

        cursor.acknowledge(taken.get(1));

        assertEquals(0, status(journal, "sink").acknowledged());
        assertEquals(events(1, 2), poll(journal.open("sink", NO_FILTERS)));
    }

    @Test
    void neverRegisteredNameOpensAtTheCurrentEnd() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        for (Event e : events(1, 3)) journal.append(e);

        EventCursor cursor = journal.open("new-sink", NO_FILTERS);
        assertTrue(poll(cursor).isEmpty());
        journal.append(event(4));

        assertEquals(List.of(event(4)), cursor.poll(100, 1, TimeUnit.SECONDS));
    }

    @Test
    void registeringAnExistingNameKeepsItsPosition() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 3)) journal.append(e);

        journal.register("sink");

        assertEquals(events(1, 3), poll(journal.open("sink", NO_FILTERS)));
    }

    @Test
    void filterReturningNullDropsTheEvent() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 3)) journal.append(e);

        EventCursor cursor = journal.open("sink", dropping("gv2"));

        assertEquals(List.of(event(1), event(3)), poll(cursor));
    }

    @Test
    void filterCanRewriteTheEvent() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        journal.append(event(1));
        CursorFilter rewrite = e -> e.withMessage(Map.of("name", "renamed"));

        List<Event> read = poll(journal.open("sink", () -> rewrite));

        assertEquals(1, read.size());
        assertEquals(Map.of("name", "renamed"), read.get(0).message());
        assertEquals("id-1", read.get(0).id());
    }


    @Test
    void eventsDroppedByFiltersCountAsDeliveredOnceALaterEventIsAcknowledged() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 4)) journal.append(e);
        EventCursor cursor = journal.open("sink", dropping("gv1", "gv2"));
        List<Event> read = poll(cursor);
        assertEquals(events(3, 4), read);
        assertEquals(4, cursor.pending());

        cursor.acknowledge(read.get(0)); // event 3: the dropped events 1 and 2 are behind it

        assertEquals(1, cursor.pending());
        assertEquals(3, status(journal, "sink").acknowledged());
    }

    @Test
    void eventsDroppedBetweenTwoTakenEventsCountAsDeliveredWithTheEarlierOne() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 3)) journal.append(e);
        EventCursor cursor = journal.open("sink", dropping("gv2"));
        List<Event> read = poll(cursor);
        assertEquals(List.of(event(1), event(3)), read);

        cursor.acknowledge(read.get(0)); // event 1; event 2 was dropped, event 3 is the next to deliver

        assertEquals(1, cursor.pending());
        journal.close("sink");
        assertEquals(List.of(event(3)), poll(journal.open("sink", dropping("gv2"))));
    }

    @Test
    void droppedTrailingEventsCountAsDeliveredWhenTheLastTakenOneIsAcknowledged() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 3)) journal.append(e);
        EventCursor cursor = journal.open("sink", dropping("gv2", "gv3"));
        List<Event> read = poll(cursor);
        assertEquals(List.of(event(1)), read);

        cursor.acknowledge(read.get(0));

        assertEquals(0, cursor.pending());
    }

    @Test
    void aPollFilteredAwayEntirelyCountsAsDeliveredWithoutAnAcknowledgement() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        for (Event e : events(1, 2)) journal.append(e);
        EventCursor cursor = journal.open("sink", dropping("gv1", "gv2"));

        assertTrue(poll(cursor).isEmpty());

        assertEquals(0, cursor.pending());
        assertEquals(2, status(journal, "sink").acknowledged());
    }

    @Test
    void laggingCursorSkipsToTheOldestKeptEventAndCountsTheEvictedOnes() throws Exception {
        MemoryJournal journal = new MemoryJournal(4);
        journal.register("slow");
        for (Event e : events(1, 6)) journal.append(e); // events 1 and 2 fall out of the ring

        EventCursor cursor = journal.open("slow", NO_FILTERS);

        assertEquals(events(3, 6), poll(cursor));
        CursorStatus status = status(journal, "slow");
        assertNotNull(status);
        assertEquals(2, status.evictedUnread());
        assertEquals(4, status.pending());
        assertEquals(4, cursor.pending());
    }

    @Test
    void evictedEventsAreCountedOnceWhenTheCursorIsReopenedBeforeAcknowledging() throws Exception {
        MemoryJournal journal = new MemoryJournal(4);
        journal.register("slow");
        for (Event e : events(1, 6)) journal.append(e);
        assertEquals(events(3, 6), poll(journal.open("slow", NO_FILTERS)));
        journal.close("slow");

        assertEquals(events(3, 6), poll(journal.open("slow", NO_FILTERS)));

        assertEquals(2, status(journal, "slow").evictedUnread());
    }

    @Test
    void cursorThatKeepsUpLosesNothingWhenTheRingWraps() throws Exception {
        MemoryJournal journal = new MemoryJournal(4);
        journal.register("fast");
        EventCursor cursor = journal.open("fast", NO_FILTERS);
        List<Event> read = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            journal.append(event(n));
            List<Event> got = poll(cursor);
            read.addAll(got);
            cursor.acknowledge(got.get(got.size() - 1));
        }

        assertEquals(events(1, 10), read);
        assertEquals(0, status(journal, "fast").evictedUnread());
        assertEquals(0, cursor.pending());
    }

    @Test
    void pendingCountsAppendedEventsNotYetAcknowledged() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        EventCursor cursor = journal.open("sink", NO_FILTERS);
        assertEquals(0, cursor.pending());
        for (Event e : events(1, 3)) journal.append(e);
        assertEquals(3, cursor.pending());

        List<Event> read = poll(cursor);
        assertEquals(3, cursor.pending(), "taking is not delivering");
        cursor.acknowledge(read.get(1));

        assertEquals(1, cursor.pending());
        assertEquals(1, status(journal, "sink").pending());
        assertEquals(3, journal.end());
    }

    @Test
    void closeWakesAPollerBlockedInPollAndClosesTheCursor() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("sink");
        EventCursor cursor = journal.open("sink", NO_FILTERS);
        CountDownLatch returned = new CountDownLatch(1);
        AtomicReference<List<Event>> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            try {
                result.set(cursor.poll(100, 60, TimeUnit.SECONDS));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                returned.countDown();
            }
        }, "poller");
        poller.setDaemon(true);
        poller.start();
        awaitState(poller, Thread.State.TIMED_WAITING);
        assertEquals(1, returned.getCount(), "poll must block while nothing is appended");

        journal.close("sink");

        assertTrue(returned.await(5, TimeUnit.SECONDS), "close must wake the poller");
        assertEquals(null, failure.get());
        assertEquals(List.of(), result.get());
        assertTrue(cursor.isClosed());
        assertFalse(status(journal, "sink").open());
    }

    @Test
    void openingTheSameNameAgainClosesThePreviousCursor() {
        MemoryJournal journal = new MemoryJournal(16);
        EventCursor first = journal.open("sink", NO_FILTERS);

        EventCursor second = journal.open("sink", NO_FILTERS);

        assertTrue(first.isClosed());
        assertFalse(second.isClosed());
        assertTrue(status(journal, "sink").open());
    }

    @Test
    void forgetRemovesTheCursor() {
        MemoryJournal journal = new MemoryJournal(16);
        journal.register("kept");
        journal.register("removed");
        EventCursor cursor = journal.open("removed", NO_FILTERS);

        journal.forget("removed");

        assertEquals(List.of("kept"), journal.cursors().stream().map(CursorStatus::name).toList());
        assertTrue(cursor.isClosed());
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) throw new AssertionError(thread.getName() + " never reached " + state);
            Thread.sleep(5);
        }
    }
}
