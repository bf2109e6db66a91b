package org.gluster.events.benchmarks;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component's configuration as Declarative Services hands it to {@code @Activate}: an instance of the
 * component property type whose methods answer the configured values, or their defaults. (Felix SCR
 * makes them the same way, with a proxy.) Lets the benchmarks configure a component without a framework.
 */
public final class ComponentConfigs {
    private ComponentConfigs() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> type.getSimpleName() + values;
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                }));
    }
}
