package org.gluster.events.runtime.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventSink;
import org.gluster.events.api.EventSource;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The sources, filters and sinks that never made it into the pipeline: components that provide one
 * but whose activation threw, or that wait for a reference or configuration. Read from Declarative
 * Services' own view, as the pipeline never sees a service that was not registered.
 */
final class FailedPlugins {
    private static final Map<String, String> KINDS = Map.of(EventSource.class.getName(), "source",
            EventFilter.class.getName(), "filter", EventSink.class.getName(), "sink");

    private FailedPlugins() {
    }

    static List<Map<String, Object>> of(ServiceComponentRuntime scr) {
        List<Map<String, Object>> failed = new ArrayList<>();
        if (scr == null) return failed;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            String kind = kind(description.serviceInterfaces);
            if (kind == null) continue;
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String state = switch (configuration.state) {
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed";
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied";
                    default -> null;
                };
                if (state == null) continue;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", kind);
                row.put("component", description.name);
                row.put("bundle", description.bundle.symbolicName);
                row.put("state", state);
                if (configuration.failure != null) row.put("error", firstLine(configuration.failure));
                else if (configuration.unsatisfiedReferences.length > 0) {
                    row.put("error", "waits for its reference " + configuration.unsatisfiedReferences[0].name);
                }
                failed.add(row);
            }
        }
        return failed;
    }

    private static String kind(String[] interfaces) {
        if (interfaces == null) return null;
        for (String name : interfaces) {
            if (KINDS.containsKey(name)) return KINDS.get(name);
        }
        return null;
    }

    /** SCR's failure is a whole stack trace: its first line says what happened. */
    private static String firstLine(String failure) {
        int end = failure.indexOf('\n');
        return (end < 0 ? failure : failure.substring(0, end)).strip();
    }
}
