package org.gluster.events.runtime.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BundleDescriptionsTest {
    @Test
    void aComponentFailureShowsItsMessagesWithoutTheStackFrames() {
        String trace = """
                java.lang.IllegalStateException: port 9000 is taken
                \tat com.example.Sink.activate(Sink.java:12)
                \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
                Caused by: java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                \t... 12 more
                """;
        assertEquals("java.lang.IllegalStateException: port 9000 is taken / Caused by: java.net.BindException: Address already in use",
                BundleDescriptions.summary(trace));
        assertEquals("failed to activate (see the daemon log)", BundleDescriptions.summary(null));
    }
}
