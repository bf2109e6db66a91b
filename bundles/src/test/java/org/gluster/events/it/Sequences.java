package org.gluster.events.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Events numbered in their {@code seq} attribute, as the delivery tests send them, and the order they arrive in. */
final class Sequences {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sequences() {
    }

    /** The {@code seq} of the next {@code count} events {@code receiver} gets, waiting at most {@code timeout} for all. */
    static List<Integer> sequence(WebhookReceiver receiver, int count, Duration timeout) throws Exception {
        List<Integer> sequence = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sequence.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("received " + sequence.size() + " of " + count + " within " + timeout);
            sequence.add(seq(receiver.next(Duration.ofNanos(left)).body()));
        }
        return sequence;
    }

    /** The {@code seq} attribute of a webhook body. */
    static int seq(String body) {
        try {
            Map<?, ?> message = (Map<?, ?>) JSON.readValue(body, Map.class).get("message");
            return Integer.parseInt((String) message.get("seq"));
        } catch (IOException e) {
            throw new AssertionError("not an event: " + body, e);
        }
    }

    /** {@code from}, {@code from + 1}, ... up to {@code until} excluded. */
    static List<Integer> range(int from, int until) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < until; i++) list.add(i);
        return list;
    }
}
