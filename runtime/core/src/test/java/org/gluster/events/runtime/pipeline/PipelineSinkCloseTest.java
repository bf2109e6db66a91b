package org.gluster.events.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.gluster.events.runtime.journal.Journal;
import org.gluster.events.runtime.journal.MemoryJournal;
import org.gluster.events.runtime.node.RuntimeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class PipelineSinkCloseTest {
    private static final String NAME = "webhook:test";

    @TempDir
    Path workdir;

    /** A sink whose request is in flight when it is closed, and which finishes it as it closes. */
    static final class FinishingOnCloseSink implements EventSink {
        private EventCursor cursor;
        private Event inFlight;

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void open(EventCursor opened) {
            cursor = opened;
            try {
                List<Event> taken = opened.poll(1, 1, TimeUnit.SECONDS);
                inFlight = taken.isEmpty() ? null : taken.get(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (inFlight != null) cursor.acknowledge(inFlight); // the webhook answered 2xx while closing
        }
    }

    @Test
    void anAcknowledgementASinkMakesWhileClosingCountsSoItsNextSinkDoesNotGetTheEventAgain() throws Exception {
        MemoryJournal journal = new MemoryJournal(16);
        Pipeline pipeline = new Pipeline();
        Field field = Pipeline.class.getDeclaredField("journal");
        field.setAccessible(true);
        field.set(pipeline, journal);
        pipeline.activate(contextWithWorkdir(workdir));
        journal.register(NAME);
        journal.append(Event.of("id-1", "node-1", 1_795_462_277L, "VOLUME_CREATE", Map.of("name", "gv1"), false));

        FinishingOnCloseSink sink = new FinishingOnCloseSink();
        pipeline.addSink(sink, TestServices.reference("org.example.sink"));
        pipeline.removeSink(sink); // closes after the open, on the sink's own thread
        assertTrue(sink.inFlight != null, "the sink took no event");

        Journal.CursorStatus cursor = journal.cursors().stream().filter(c -> c.name().equals(NAME)).findFirst().orElseThrow();
        assertEquals(0, cursor.pending(), "the event acknowledged while closing is pending again");
        pipeline.deactivate();
    }

    private static BundleContext contextWithWorkdir(Path workdir) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty") && RuntimeLayout.WORKDIR.equals(args[0])
                        ? workdir.toString() : null);
    }
}
