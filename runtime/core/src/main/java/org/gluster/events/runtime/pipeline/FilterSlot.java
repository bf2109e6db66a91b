package org.gluster.events.runtime.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.gluster.events.api.EventFilter;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * One filter service in the pipeline: where it comes from, where it runs in the chain, and what it
 * did. Every sink gets its own instance of a prototype-scope filter (a stateful filter such as
 * dedupe then sees each sink's stream whole); other filters are shared.
 */
final class FilterSlot {
    private static final long FAILING_MILLIS = 60_000;
    static final String OWN_FILTERS_PREFIX = "org.gluster.events.filter.";

    final ComponentServiceObjects<EventFilter> objects;
    final long serviceId;
    final int ranking;
    /** The component name, or the class for a filter registered without DS. */
    final String name;
    final long bundleId;
    final String bundle;
    final String version;
    /**
     * One of the daemon's own filters (key-glob, dedupe): they never block, so a chain of only
     * these runs on the sink's thread, sparing each poll two thread hand-overs.
     */
    final boolean ownFilter;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder rewritten = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile String lastError;
    private volatile long lastFailureMillis;
    /** Why the filter is left out of every chain (its apply hung), or null. */
    private volatile String blocked;

    FilterSlot(ComponentServiceObjects<EventFilter> objects) {
        this.objects = objects;
        ServiceReference<EventFilter> reference = objects.getServiceReference();
        serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        ranking = reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0;
        Object component = reference.getProperty(ComponentConstants.COMPONENT_NAME);
        Object[] classes = (Object[]) reference.getProperty(Constants.OBJECTCLASS);
        name = component != null ? component.toString() : String.valueOf(classes[0]);
        bundleId = reference.getBundle().getBundleId();
        bundle = reference.getBundle().getSymbolicName();
        version = reference.getBundle().getVersion().toString();
        ownFilter = bundle != null && bundle.startsWith(OWN_FILTERS_PREFIX);
    }

    /** What a replacement must match to take this filter's place in the chain: a newer build of the same component. */
    String identity() {
        return bundle + "/" + name;
    }

    /** Chain order: highest ranking first, then the earliest registered. */
    static int order(FilterSlot a, FilterSlot b) {
        return a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking) : Long.compare(a.serviceId, b.serviceId);
    }

    void dropped() {
        dropped.increment();
    }

    void rewritten() {
        rewritten.increment();
    }

    void failed(Throwable error) {
        failures.increment();
        lastError = error.toString();
        lastFailureMillis = System.currentTimeMillis();
    }

    /** Leaves the filter out of every chain until it is replaced: its {@code apply} did not return. */
    void block(String why) {
        blocked = why;
        failed(new IllegalStateException(why));
    }

    boolean blocked() {
        return blocked != null;
    }

    /** A row of {@code pipeline}: counts are summed over the sinks the filter runs for. */
    Map<String, Object> status() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("bundle", bundle);
        row.put("version", version);
        row.put("ranking", ranking);
        boolean failing = lastError != null && System.currentTimeMillis() - lastFailureMillis < FAILING_MILLIS;
        row.put("state", blocked != null ? "blocked" : failing ? "failing" : "active");
        row.put("dropped", dropped.sum());
        row.put("rewritten", rewritten.sum());
        row.put("failures", failures.sum());
        if (lastError != null) row.put("last_error", lastError);
        return row;
    }
}
