package org.gluster.events.runtime.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events log: one line per published event, written from its own cursor so that logging never
 * slows the sources. Present unless {@code disable-events-log} is true (its configuration is then
 * deleted).
 */
@Component(configurationPid = EventLogSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class EventLogSink implements EventSink {
    public static final String PID = "org.gluster.events.eventslog";
    public static final String NAME = "events-log";
    private static final Logger EVENTS = LoggerFactory.getLogger("glustereventsd.events");

    private volatile Thread reader;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void open(EventCursor cursor) {
        Thread thread = new Thread(() -> logUntilClosed(cursor), "sink-events-log");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private void logUntilClosed(EventCursor cursor) {
        try {
            while (!cursor.isClosed()) {
                List<Event> events = cursor.poll(1024, 1, TimeUnit.SECONDS);
                for (Event event : events) EVENTS.info("EVENT {} {}", event.id(), event.toJson());
                if (!events.isEmpty()) cursor.acknowledge(events.get(events.size() - 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread thread = reader;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
