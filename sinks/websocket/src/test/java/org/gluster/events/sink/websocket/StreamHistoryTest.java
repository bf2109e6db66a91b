package org.gluster.events.sink.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventPatterns;
import org.junit.jupiter.api.Test;

class StreamHistoryTest {
    private static final String[] NODES = {"node-1", "node-2", "node-3"};
    private static final Pattern ID = Pattern.compile("\"id\": \"([^\"]+)\"");

    /** Events of three origins, each origin's in its own order: what every node receives, interleaved its own way. */
    private static Map<String, List<Event>> origins(int perOrigin) {
        Map<String, List<Event>> origins = new HashMap<>();
        long millis = 1_700_000_000_000L;
        for (String node : NODES) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < perOrigin; i++) {
                String id = new UUID(((millis + i * 3L + node.hashCode() % 3) << 16) | 0x7000 | i, 0x8000000000000000L | i).toString();
                events.add(Event.of(id, node, 1, "VOLUME_SET", Map.of("name", node + "-" + i), node.equals("node-1")));
            }
            origins.put(node, events);
        }
        return origins;
    }

    /** One node's arrival order: the origins' streams merged at random, each origin's order kept. */
    private static List<Event> interleave(Map<String, List<Event>> origins, long seed) {
        Random random = new Random(seed);
        Map<String, Integer> taken = new HashMap<>();
        List<Event> merged = new ArrayList<>();
        int total = origins.values().stream().mapToInt(List::size).sum();
        while (merged.size() < total) {
            String node = NODES[random.nextInt(NODES.length)];
            int i = taken.getOrDefault(node, 0);
            if (i < origins.get(node).size()) {
                merged.add(origins.get(node).get(i));
                taken.put(node, i + 1);
            }
        }
        return merged;
    }

    private static List<String> names(List<byte[]> frames) {
        List<String> names = new ArrayList<>();
        for (byte[] frame : frames) {
            String text = new String(frame, StandardCharsets.UTF_8);
            names.add(text.substring(text.indexOf("\"name\": \"") + 9, text.indexOf('"', text.indexOf("\"name\": \"") + 9)));
        }
        return names;
    }

    private static String idOf(byte[] frame) {
        Matcher matcher = ID.matcher(new String(frame, StandardCharsets.UTF_8));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static List<byte[]> send(StreamHistory history, long from, FrameSelection selection) {
        List<StreamHistory.Entry> entries = new ArrayList<>();
        history.read(from, Integer.MAX_VALUE, entries);
        List<byte[]> frames = new ArrayList<>();
        for (StreamHistory.Entry entry : entries) {
            byte[] frame = selection.frameFor(entry);
            if (frame != null) frames.add(frame);
        }
        return frames;
    }

    @Test
    void aClientMovingToANodeWithAnotherArrivalOrderGetsEveryEventAfterItsLastIdExactlyOnce() {
        Map<String, List<Event>> origins = origins(200);
        for (long seed = 0; seed < 50; seed++) {
            StreamHistory nodeA = new StreamHistory(10_000, 1 << 24);
            StreamHistory nodeB = new StreamHistory(10_000, 1 << 24);
            interleave(origins, seed).forEach(nodeA::append);
            interleave(origins, seed + 1000).forEach(nodeB::append);

            List<byte[]> onA = send(nodeA, 0, new FrameSelection(null, null));
            int k = 1 + new Random(seed).nextInt(onA.size() - 1);
            List<String> seen = names(onA.subList(0, k));
            String lastId = idOf(onA.get(k - 1));

            ResumePosition position = ResumePosition.parse(lastId);
            StreamHistory.Start start = nodeB.startAfter(position);
            assertFalse(start.gap());
            List<String> resumed = names(send(nodeB, start.sequence(), new FrameSelection(position, null)));

            List<String> all = new ArrayList<>(seen);
            all.addAll(resumed);
            assertEquals(600, all.size(), "seed " + seed + ": every event once, none twice");
            assertEquals(600, all.stream().distinct().count(), "seed " + seed + ": no duplicate");
        }
    }

    @Test
    void theIdsSentAfterAResumeLetTheClientResumeAgainOnAThirdNode() {
        Map<String, List<Event>> origins = origins(100);
        StreamHistory[] nodes = new StreamHistory[3];
        for (int n = 0; n < 3; n++) {
            nodes[n] = new StreamHistory(10_000, 1 << 24);
            interleave(origins, 7 + n).forEach(nodes[n]::append);
        }
        List<byte[]> first = send(nodes[0], 0, new FrameSelection(null, null)).subList(0, 120);
        ResumePosition afterFirst = ResumePosition.parse(idOf(first.get(first.size() - 1)));
        List<byte[]> second = send(nodes[1], nodes[1].startAfter(afterFirst).sequence(), new FrameSelection(afterFirst, null)).subList(0, 50);
        ResumePosition afterSecond = ResumePosition.parse(idOf(second.get(second.size() - 1)));
        List<byte[]> third = send(nodes[2], nodes[2].startAfter(afterSecond).sequence(), new FrameSelection(afterSecond, null));

        List<String> all = new ArrayList<>(names(first));
        all.addAll(names(second));
        all.addAll(names(third));
        assertEquals(300, all.size());
        assertEquals(300, all.stream().distinct().count());
    }

    @Test
    void theLastEventsStartNBeforeTheEndButNeverBeforeTheOldestHeld() {
        StreamHistory history = new StreamHistory(5, 1 << 20);
        List<Event> events = origins(8).get(NODES[0]);
        for (int i = 0; i < 3; i++) history.append(events.get(i));
        assertEquals(1, history.recentStart(2));
        assertEquals(0, history.recentStart(200), "only what is held");
        for (int i = 3; i < 8; i++) history.append(events.get(i)); // the first three are evicted
        assertEquals(3, history.head());
        assertEquals(3, history.recentStart(200));
        assertEquals(7, history.recentStart(1));
    }

    @Test
    void anEventNotNewerThanTheLastOfItsOriginIsSkipped() {
        StreamHistory history = new StreamHistory(100, 1 << 20);
        List<Event> events = origins(3).get("node-2");
        events.forEach(history::append);
        assertFalse(history.append(events.get(1)));
        assertEquals(3, history.tail());
        assertEquals(1L, history.status().get("duplicates_skipped"));
    }

    @Test
    void theFrameIsTheConsumersJsonWithTheIdAdded() {
        StreamHistory history = new StreamHistory(100, 1 << 20);
        Event event = origins(1).get("node-3").get(0);
        history.append(event);
        List<StreamHistory.Entry> entries = new ArrayList<>();
        history.read(0, 10, entries);
        String frame = new String(entries.get(0).frame(), StandardCharsets.UTF_8);
        String id = idOf(entries.get(0).frame());
        assertEquals(event.toJson(), frame.replace(", \"id\": \"" + id + "\"", ""));
        assertTrue(frame.startsWith("{\"event\": \"VOLUME_SET\", \"id\": \""));
    }

    @Test
    void aResumeFromEvictedEventsStartsAtTheOldestHeldAndSaysThereIsAGap() {
        StreamHistory history = new StreamHistory(50, 1 << 20);
        List<Event> events = origins(200).get("node-1");
        events.subList(0, 10).forEach(history::append);
        List<StreamHistory.Entry> entries = new ArrayList<>();
        history.read(4, 1, entries);
        ResumePosition afterFifth = entries.get(0).position();
        events.subList(10, 200).forEach(history::append);
        StreamHistory.Start start = history.startAfter(afterFifth);
        assertTrue(start.gap());
        assertEquals(history.head(), start.sequence());
        assertEquals(-1, history.read(0, 1, new ArrayList<>()), "evicted entries are gone");
    }

    @Test
    void theHistoryKeepsWithinItsByteBound() {
        StreamHistory history = new StreamHistory(1_000, 2_000);
        origins(100).get("node-1").forEach(history::append);
        assertTrue((long) history.status().get("history_bytes") <= 2_000);
        assertTrue(history.tail() - history.head() < 100);
    }

    @Test
    void aClientAskingForSomeNamesGetsOnlyThose() {
        StreamHistory history = new StreamHistory(100, 1 << 20);
        history.append(Event.of(UUID.randomUUID().toString(), "n", 1, "PEER_ATTACH", Map.of(), false));
        history.append(origins(1).get("node-1").get(0));
        List<byte[]> frames = send(history, 0, new FrameSelection(null, EventPatterns.parse("Volume.*")));
        assertEquals(1, frames.size());
        assertTrue(new String(frames.get(0), StandardCharsets.UTF_8).contains("VOLUME_SET"));
    }

    @Test
    void somethingThatIsNoPositionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResumePosition.parse("not-a-position!"));
        assertThrows(IllegalArgumentException.class, () -> ResumePosition.parse("AAAA"));
        assertNull(new ResumePosition().newest(1));
    }
}
