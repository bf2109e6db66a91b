package org.gluster.events.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.gluster.events.runtime.journal.CursorFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.component.ComponentServiceObjects;

class FilterChainsTest {
    @TempDir
    Path dir;

    private static Event event(String name) {
        return Event.of("id-1", "node-1", 1_795_462_277L, "VOLUME_CREATE", Map.of("name", name), false);
    }

    /** A filter that appends {@code mark} to the event's {@code seen} attribute. */
    private static EventFilter marking(String mark) {
        return e -> {
            Map<String, Object> message = new LinkedHashMap<>(e.message());
            message.merge("seen", mark, (a, b) -> a + "" + b);
            return e.withMessage(message);
        };
    }

    private static FilterSlot slot(String bundle, String version, String component, int ranking, EventFilter filter) {
        return new FilterSlot(TestServices.filter(bundle, version, component, ranking, () -> filter));
    }

    @Test
    void filtersRunHighestRankingFirst() {
        FilterChains chains = new FilterChains(5_000);
        chains.add(slot("b", "1.0.0", "low", 1, marking("L")));
        chains.add(slot("b", "1.0.0", "high", 10, marking("H")));

        CursorFilter chain = chains.open("sink", false).get();

        assertEquals("HL", chain.apply(event("gv1")).message().get("seen"));
    }

    @Test
    void theDaemonsOwnFiltersRunOnThePollingThreadOthersOnTheSinksFilterThread() throws Exception {
        List<String> threads = new ArrayList<>();
        EventFilter recording = e -> {
            threads.add(Thread.currentThread().getName());
            return e;
        };
        FilterChains own = new FilterChains(5_000);
        own.add(slot("org.gluster.events.filter.keyglob", "1.0.0", "key-glob", 0, recording));
        own.open("sink", false).get().applyAll(List.of(event("gv1")));
        FilterChains thirdParty = new FilterChains(5_000);
        thirdParty.add(slot("org.example.tag", "1.0.0", "tag", 0, recording));
        thirdParty.open("sink", false).get().applyAll(List.of(event("gv1")));

        assertEquals(Thread.currentThread().getName(), threads.get(0));
        assertNotEquals(Thread.currentThread().getName(), threads.get(1));
    }

    @Test
    void eachSinkGetsItsOwnInstanceOfAPrototypeFilter() {
        FilterChains chains = new FilterChains(5_000);
        List<EventFilter> made = new ArrayList<>();
        chains.add(new FilterSlot(TestServices.filter("b", "1.0.0", "dedupe", 0, () -> {
            EventFilter instance = new EventFilter() {
                @Override
                public Event apply(Event e) {
                    return e;
                }
            };
            made.add(instance);
            return instance;
        })));

        chains.open("webhook:1", false);
        chains.open("webhook:2", false);

        assertEquals(2, made.size());
        assertNotSame(made.get(0), made.get(1));
    }

    @Test
    void aFilterThatThrowsLetsTheEventPassOnToTheNextAndShowsAsFailing() {
        FilterChains chains = new FilterChains(5_000);
        FilterSlot broken = slot("b", "1.0.0", "broken", 10, e -> {
            throw new IllegalStateException("filter bug");
        });
        chains.add(broken);
        chains.add(slot("b", "1.0.0", "marking", 1, marking("M")));

        Event out = chains.open("sink", false).get().apply(event("gv1"));

        assertEquals("M", out.message().get("seen"));
        assertEquals("failing", broken.status().get("state"));
        assertEquals(1L, broken.status().get("failures"));
    }

    @Test
    void relayedEventsReachOnlySinksThatAskForThem() {
        FilterChains chains = new FilterChains(5_000);
        Event relayed = event("gv1").asRelayed();

        assertNull(chains.open("webhook:1", false).get().apply(relayed));
        assertNotNull(chains.open("websocket", true).get().apply(relayed));
    }

    @Test
    void whenAFilterGoesDeliveryHoldsUntilItsNewVersionIsInPlace() {
        FilterChains chains = new FilterChains(60_000);
        FilterSlot old = slot("org.example.tag", "1.0.0", "tag", 0, marking("1"));
        chains.add(old);
        FilterChains.SinkFilters sink = chains.open("sink", false);

        chains.remove(old, true);
        assertNull(sink.get(), "events flowed with neither version of the filter");
        assertEquals(List.of("org.example.tag/tag"), chains.awaited());

        chains.add(slot("org.example.tag", "2.0.0", "tag", 0, marking("2")));
        assertEquals("2", sink.get().apply(event("gv1")).message().get("seen"));
        assertEquals(List.of(), chains.awaited());
    }

    @Test
    void noSinkSeesTheChainWithoutTheFilterBeforeDeliveryHolds() {
        FilterChains chains = new FilterChains(60_000);
        // What the first sink's chain does to an event while the filter's instance for the second sink is being released.
        AtomicReference<String> firstSinkMeanwhile = new AtomicReference<>();
        AtomicReference<FilterChains.SinkFilters> firstSink = new AtomicReference<>();
        AtomicInteger released = new AtomicInteger();
        FilterSlot old = new FilterSlot(releasing(TestServices.filter("org.example.tag", "1.0.0", "tag", 0, () -> marking("1")), () -> {
            if (released.incrementAndGet() != 2) return;
            CursorFilter chain = firstSink.get().get();
            firstSinkMeanwhile.set(chain == null ? "held" : "passed, seen by " + chain.apply(event("gv1")).message().get("seen"));
        }));
        chains.add(old);
        firstSink.set(chains.open("webhook:1", false));
        chains.open("webhook:2", false);

        chains.remove(old, true);

        assertEquals(2, released.get());
        assertEquals("held", firstSinkMeanwhile.get(), "an event could meet neither version of the filter");
    }

    /** {@code objects}, running {@code onUnget} whenever an instance is given back. */
    @SuppressWarnings("unchecked")
    private static ComponentServiceObjects<EventFilter> releasing(ComponentServiceObjects<EventFilter> objects, Runnable onUnget) {
        return (ComponentServiceObjects<EventFilter>) Proxy.newProxyInstance(ComponentServiceObjects.class.getClassLoader(),
                new Class<?>[] {ComponentServiceObjects.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ungetService")) onUnget.run();
                    return method.invoke(objects, args);
                });
    }

    @Test
    void uninstallingTheFiltersBundleEndsTheHold() {
        FilterChains chains = new FilterChains(60_000);
        FilterSlot gone = slot("org.example.tag", "1.0.0", "tag", 0, marking("1"));
        chains.add(gone);
        FilterChains.SinkFilters sink = chains.open("sink", false);
        chains.remove(gone, true);

        chains.uninstalled("org.example.tag");

        assertEquals(event("gv1"), sink.get().apply(event("gv1")));
    }

    @Test
    void aFilterThatDoesNotComeBackWithinTheGraceIsLeftOut() throws Exception {
        FilterChains chains = new FilterChains(50);
        FilterSlot stopped = slot("org.example.tag", "1.0.0", "tag", 0, marking("1"));
        chains.add(stopped);
        FilterChains.SinkFilters sink = chains.open("sink", false);
        chains.remove(stopped, true);
        assertNull(sink.get());

        Thread.sleep(100);

        assertEquals(event("gv1"), sink.get().apply(event("gv1")));
    }

    @Test
    void afterARestartDeliveryWaitsForTheFiltersThatWereInForce() throws Exception {
        Path inUse = dir.resolve("filters-in-use");
        FilterChains before = new FilterChains(60_000);
        before.awaitInUse(inUse);
        before.add(slot("org.gluster.events.filter.keyglob", "1.0.0", "key-glob", 0, e -> null));
        assertEquals("org.gluster.events.filter.keyglob/key-glob\n", Files.readString(inUse));

        FilterChains restarted = new FilterChains(60_000);
        restarted.awaitInUse(inUse);
        FilterChains.SinkFilters sink = restarted.open("sink", false);
        assertNull(sink.get(), "events were delivered before the key-glob filter was back");

        restarted.add(slot("org.gluster.events.filter.keyglob", "1.0.0", "key-glob", 0, e -> null));
        assertNull(sink.get().apply(event("gv1")));
    }

    @Test
    void aFilterThatHangsIsLeftOutAndTheEventsPassOnWithTheOthers() throws Exception {
        FilterChains chains = new FilterChains(5_000);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        FilterSlot hanging = slot("b", "1.0.0", "hanging", 10, e -> {
            if ("gv2".equals(e.message().get("name"))) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            return marking("H").apply(e);
        });
        chains.add(hanging);
        chains.add(slot("b", "1.0.0", "after", 1, marking("A")));
        FilterChains.SinkFilters sink = chains.open("sink", false);

        Event[] out = sink.get().applyAll(List.of(event("gv1"), event("gv2"), event("gv3")));

        assertEquals("HA", out[0].message().get("seen"));
        assertNull(out[1].message().get("seen"), "the event it hung on passes it, and the filters after it");
        assertEquals("A", out[2].message().get("seen"), "the rest pass the others only");
        assertEquals("blocked", hanging.status().get("state"));
        assertEquals("A", sink.get().apply(event("gv4")).message().get("seen"));
        never.countDown();
    }
}
