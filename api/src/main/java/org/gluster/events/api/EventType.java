package org.gluster.events.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One Gluster event type: its wire code and its three name forms.
 *
 * @param code     the 0-based wire code producers send ({@code 2})
 * @param constant the C/Python constant ({@code EVENT_VOLUME_CREATE})
 */
public record EventType(int code, String constant) {

    /** The name consumers receive, without {@code EVENT_} ({@code VOLUME_CREATE}). */
    public String eventName() {
        return constant.substring("EVENT_".length());
    }

    /** The seed's dotted form ({@code Volume.Create}). */
    public String dottedName() {
        return Arrays.stream(eventName().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("."));
    }
}
