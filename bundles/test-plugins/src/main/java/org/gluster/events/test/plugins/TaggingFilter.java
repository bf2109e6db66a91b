package org.gluster.events.test.plugins;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Adds {@value #TAG} = the version of its bundle, as it was when the filter was activated, to every
 * event: a test reads off each delivered event which build of the filter it met. Prototype scope,
 * as a stateful filter would be, so every sink runs an instance of its own.
 */
@Component(configurationPid = TaggingFilter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, scope = ServiceScope.PROTOTYPE)
public final class TaggingFilter implements EventFilter {
    public static final String PID = "org.gluster.events.test.tagging";
    public static final String TAG = "tagged_by";

    private final String version;

    @Activate
    public TaggingFilter(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @Override
    public Event apply(Event event) {
        Map<String, Object> message = new LinkedHashMap<>(event.message());
        message.put(TAG, version);
        return event.withMessage(message);
    }
}
