package org.gluster.events.test.plugins;

import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** A sink whose activation throws: it never reaches the pipeline, which must list it among the plugins that failed. */
@Component(configurationPid = ThrowsInActivateSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ThrowsInActivateSink implements EventSink {
    public static final String PID = "org.gluster.events.test.throwsinactivate";
    public static final String MESSAGE = "broken on purpose: activate";

    @Activate
    void activate() {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public String name() {
        return "test:throws-in-activate";
    }

    @Override
    public void open(EventCursor cursor) {
    }

    @Override
    public void close() {
    }
}
