package org.gluster.events.runtime.pipeline;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.gluster.events.api.EventFilter;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * Service references and service objects as the framework hands them to the pipeline's bind methods:
 * the pipeline reads only their properties and bundle, so plain proxies stand in for a framework here.
 */
final class TestServices {
    private static final AtomicLong IDS = new AtomicLong(100);

    private TestServices() {
    }

    static <S> ServiceReference<S> reference(String bundle) {
        return reference(bundle, "1.0.0", Map.of(Constants.SERVICE_ID, IDS.incrementAndGet()));
    }

    @SuppressWarnings("unchecked")
    static <S> ServiceReference<S> reference(String bundle, String version, Map<String, Object> properties) {
        Bundle owner = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> bundle;
                    case "getVersion" -> Version.parseVersion(version);
                    case "getBundleId" -> (long) bundle.hashCode();
                    default -> null;
                });
        return (ServiceReference<S>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> owner;
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> null;
                });
    }

    /**
     * A filter service of component {@code component} in {@code bundle}: each {@code getService} gets a
     * new instance from {@code instances}, as for a prototype-scope service.
     */
    @SuppressWarnings("unchecked")
    static ComponentServiceObjects<EventFilter> filter(String bundle, String version, String component, int ranking,
                                                       Supplier<EventFilter> instances) {
        ServiceReference<EventFilter> reference = reference(bundle, version, Map.of(Constants.SERVICE_ID, IDS.incrementAndGet(),
                Constants.SERVICE_RANKING, ranking, ComponentConstants.COMPONENT_NAME, component,
                Constants.OBJECTCLASS, new String[] {EventFilter.class.getName()}));
        return (ComponentServiceObjects<EventFilter>) Proxy.newProxyInstance(ComponentServiceObjects.class.getClassLoader(),
                new Class<?>[] {ComponentServiceObjects.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getService" -> instances.get();
                    case "getServiceReference" -> reference;
                    default -> null;
                });
    }
}
