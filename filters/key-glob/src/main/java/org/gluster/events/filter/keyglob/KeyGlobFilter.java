package org.gluster.events.filter.keyglob;

import java.util.ArrayList;
import java.util.List;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventPatterns;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the events an administrator disabled ({@code gluster-eventsapi disable Volume.*}) before
 * any sink sees them. The patterns come from {@code plugins.json}, shared by every node, so one
 * {@code disable} silences an event type on the whole cluster. Ranked first, so no other filter
 * spends time on an event nobody gets.
 */
@Component(name = "key-glob", configurationPid = KeyGlobFilter.PID, property = "service.ranking:Integer=1000")
public final class KeyGlobFilter implements EventFilter {
    public static final String PID = "org.gluster.events.filter.keyglob";
    private static final Logger LOG = LoggerFactory.getLogger(KeyGlobFilter.class);

    @interface Config {
        /** Event globs in either name form; each entry may itself be a comma-separated list. */
        String[] disabled() default {};
    }

    private volatile EventPatterns disabled = EventPatterns.of(List.of());

    @Activate
    @Modified
    void configure(Config config) {
        disabled = patterns(config.disabled());
        if (disabled.isEmpty()) LOG.info("No events disabled");
        else LOG.info("Events disabled: {}", String.join(", ", disabled.patterns()));
    }

    @Override
    public Event apply(Event event) {
        return disabled.test(event.name()) ? null : event;
    }

    /** The valid patterns among {@code entries}; an invalid one is logged and left out, never the whole list. */
    static EventPatterns patterns(String[] entries) {
        List<String> valid = new ArrayList<>();
        for (String entry : entries) {
            for (String pattern : entry.split(",")) {
                if (pattern.isBlank()) continue;
                try {
                    valid.addAll(EventPatterns.of(List.of(pattern.trim())).patterns());
                } catch (IllegalArgumentException e) {
                    LOG.warn("Disabled pattern ignored: {}", e.getMessage());
                }
            }
        }
        return EventPatterns.of(valid);
    }
}
