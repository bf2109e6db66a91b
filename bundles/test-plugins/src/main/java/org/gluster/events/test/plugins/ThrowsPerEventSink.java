package org.gluster.events.test.plugins;

import java.util.concurrent.TimeUnit;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * A sink whose own thread throws on the first event it reads, uncaught: the thread ends and the
 * sink delivers nothing more. The pipeline must show it failed and keep the other sinks going.
 */
@Component(configurationPid = ThrowsPerEventSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ThrowsPerEventSink implements EventSink {
    public static final String PID = "org.gluster.events.test.throwsperevent";

    private volatile Thread reader;

    @Override
    public String name() {
        return "test:throws-per-event";
    }

    @Override
    public synchronized void open(EventCursor cursor) {
        Thread thread = new Thread(() -> readUntilClosed(cursor), "sink-test-throws-per-event");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private static void readUntilClosed(EventCursor cursor) {
        while (!cursor.isClosed()) {
            try {
                for (Event event : cursor.poll(64, 1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("broken on purpose: event " + event.id());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        Thread thread = reader;
        reader = null;
        if (thread != null) thread.interrupt();
    }
}
