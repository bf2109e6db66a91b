package org.gluster.events.runtime.pipeline;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;

import org.gluster.events.api.EventFilter;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * A filter service as Declarative Services hands it to the pipeline's {@code addFilter}, without a
 * framework: a small implementation of {@link ComponentServiceObjects} (each {@code getService} makes an
 * instance, as for a prototype-scope service) and of the {@link ServiceReference} whose properties
 * {@link FilterSlot} reads. The reference's {@link Bundle} is a proxy that answers the three things
 * {@code FilterSlot} asks of it (the interface has some forty methods). All of it runs at setup only,
 * never inside a measured operation.
 */
final class FilterService implements ComponentServiceObjects<EventFilter> {
    private static long nextServiceId = 1;

    private final Supplier<EventFilter> instances;
    private final Reference reference;

    /** The filter component {@code component} of bundle {@code bundle}, ranked {@code ranking}. */
    FilterService(String bundle, String component, int ranking, Supplier<EventFilter> instances) {
        this.instances = instances;
        this.reference = new Reference(bundle, Map.of(Constants.SERVICE_ID, nextServiceId++, Constants.SERVICE_RANKING, ranking,
                ComponentConstants.COMPONENT_NAME, component, Constants.OBJECTCLASS, new String[] {EventFilter.class.getName()}));
    }

    @Override
    public EventFilter getService() {
        return instances.get();
    }

    @Override
    public void ungetService(EventFilter service) {
    }

    @Override
    public ServiceReference<EventFilter> getServiceReference() {
        return reference;
    }

    private static final class Reference implements ServiceReference<EventFilter> {
        private final Map<String, Object> properties;
        private final Bundle bundle;

        Reference(String symbolicName, Map<String, Object> properties) {
            this.properties = properties;
            long bundleId = symbolicName.hashCode() & 0xffff;
            this.bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getSymbolicName" -> symbolicName;
                        case "getVersion" -> Version.parseVersion("1.0.0");
                        case "getBundleId" -> bundleId;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public Object getProperty(String key) {
            return properties.get(key);
        }

        @Override
        public String[] getPropertyKeys() {
            return properties.keySet().toArray(String[]::new);
        }

        @Override
        public Bundle getBundle() {
            return bundle;
        }

        @Override
        public Bundle[] getUsingBundles() {
            return new Bundle[0];
        }

        @Override
        public boolean isAssignableTo(Bundle other, String className) {
            return true;
        }

        @Override
        public int compareTo(Object other) {
            return Long.compare((Long) ((Reference) other).properties.get(Constants.SERVICE_ID), (Long) properties.get(Constants.SERVICE_ID));
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return new Hashtable<>(properties);
        }

        @Override
        public <A> A adapt(Class<A> type) {
            return null;
        }
    }
}
