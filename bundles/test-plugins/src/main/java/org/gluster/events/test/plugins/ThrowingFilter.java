package org.gluster.events.test.plugins;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** A filter that throws on every event: the pipeline must pass the events on and show it failing. */
@Component(configurationPid = ThrowingFilter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ThrowingFilter implements EventFilter {
    public static final String PID = "org.gluster.events.test.throwingfilter";

    @Override
    public Event apply(Event event) {
        throw new IllegalStateException("broken on purpose: filter");
    }
}
