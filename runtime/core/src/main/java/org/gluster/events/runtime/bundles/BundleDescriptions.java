package org.gluster.events.runtime.bundles;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventSink;
import org.gluster.events.api.EventSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * One bundle as the admin API shows it: id, symbolic name, version, state, where it was loaded
 * from, the sources, filters and sinks it registers, its Declarative Services components and why
 * they, or the bundle, do not run.
 */
final class BundleDescriptions {
    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Path hotDeploy;
    private final Path system;
    private final Map<Long, String> errors;

    /**
     * @param hotDeploy the FileInstall folder, or null
     * @param system    {@code <home>/system}, or null
     * @param errors    what went wrong starting a bundle, by bundle id, as it was seen
     */
    BundleDescriptions(BundleContext context, ServiceComponentRuntime scr, Path hotDeploy, Path system, Map<Long, String> errors) {
        this.context = context;
        this.scr = scr;
        this.hotDeploy = hotDeploy;
        this.system = system;
        this.errors = errors;
    }

    Map<String, Object> row(Bundle bundle) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", bundle.getBundleId());
        row.put("name", bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName());
        row.put("version", bundle.getVersion().toString());
        row.put("state", state(bundle.getState()));
        row.put("location", bundle.getLocation());
        row.put("hot_deploy", hotDeployFile(bundle) != null);
        row.put("system", bundle.getBundleId() == 0 || in(system, bundle));
        if (isFragment(bundle)) row.put("fragment", true);
        row.put("provides", provides(bundle));
        row.put("components", components(bundle));
        String error = error(bundle);
        if (error != null) row.put("error", error);
        return row;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.ACTIVE -> "active";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "unknown";
        };
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The framework, the core, the api, and what the launcher loads from {@code <home>/system}. */
    boolean partOfRuntime(Bundle bundle) {
        return bundle.getBundleId() == 0 || BundleManager.CORE.equals(bundle.getSymbolicName())
                || BundleManager.API.equals(bundle.getSymbolicName()) || in(system, bundle);
    }

    /** The bundle's file when it was installed from the hot-deploy folder, else null. */
    Path hotDeployFile(Bundle bundle) {
        Path file = file(bundle);
        return file != null && hotDeploy != null && sameFolder(hotDeploy, file.getParent()) ? file : null;
    }

    private static boolean in(Path folder, Bundle bundle) {
        Path file = file(bundle);
        return folder != null && file != null && sameFolder(folder, file.getParent());
    }

    private static boolean sameFolder(Path folder, Path other) {
        if (other == null) return false;
        if (folder.equals(other)) return true;
        try {
            return Files.isSameFile(folder, other);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The file a bundle was installed from ({@code file:...} locations, as FileInstall and the launcher give), else null. */
    static Path file(Bundle bundle) {
        String location = bundle.getLocation();
        int at = location == null ? -1 : location.indexOf("file:");
        if (at < 0) return null;
        try {
            return Path.of(URI.create(location.substring(at))).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The names of the sources, filters and sinks the bundle registers. */
    private Map<String, List<String>> provides(Bundle bundle) {
        List<String> sources = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        List<String> sinks = new ArrayList<>();
        ServiceReference<?>[] services;
        try {
            services = bundle.getRegisteredServices();
        } catch (IllegalStateException e) {
            services = null; // uninstalled meanwhile
        }
        if (services != null) {
            for (ServiceReference<?> service : services) {
                if (!(service.getProperty(Constants.OBJECTCLASS) instanceof String[] classes)) continue;
                for (String type : classes) {
                    if (type.equals(EventSource.class.getName())) {
                        sources.add(serviceName(service, type, s -> s instanceof EventSource source ? source.name() : null));
                    } else if (type.equals(EventSink.class.getName())) {
                        sinks.add(serviceName(service, type, s -> s instanceof EventSink sink ? sink.name() : null));
                    } else if (type.equals(EventFilter.class.getName())) {
                        filters.add(componentName(service)); // filters may be prototype-scoped: never instantiated here
                    }
                }
            }
        }
        Map<String, List<String>> provides = new LinkedHashMap<>();
        provides.put("sources", sources);
        provides.put("filters", filters);
        provides.put("sinks", sinks);
        return provides;
    }

    /** {@code name()} of a singleton or bundle-scoped service this bundle can see as {@code type}; else its component name. */
    private String serviceName(ServiceReference<?> service, String type, Function<Object, String> name) {
        if (Constants.SCOPE_PROTOTYPE.equals(service.getProperty(Constants.SERVICE_SCOPE))
                || !service.isAssignableTo(context.getBundle(), type)) {
            return componentName(service);
        }
        try {
            Object instance = context.getService(service);
            String named = instance == null ? null : name.apply(instance);
            return named == null ? componentName(service) : named;
        } catch (RuntimeException | LinkageError e) {
            return componentName(service);
        } finally {
            try {
                context.ungetService(service);
            } catch (RuntimeException e) {
                // the service went away meanwhile
            }
        }
    }

    private static String componentName(ServiceReference<?> service) {
        Object name = service.getProperty("component.name");
        return name != null ? name.toString() : "service " + service.getProperty(Constants.SERVICE_ID);
    }

    /** Every Declarative Services component of the bundle and its state, with why it does not run. */
    private List<Map<String, Object>> components(Bundle bundle) {
        List<Map<String, Object>> components = new ArrayList<>();
        if (scr == null) return components;
        try {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (!scr.isComponentEnabled(description)) {
                    components.add(component(description.name, "disabled"));
                    continue;
                }
                var configurations = scr.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty()) {
                    Map<String, Object> component = component(description.name, "unsatisfied");
                    component.put("missing", "configuration " + String.join(", ", description.configurationPid));
                    components.add(component);
                }
                for (ComponentConfigurationDTO configuration : configurations) components.add(component(description, configuration));
            }
        } catch (RuntimeException e) {
            // the bundle or SCR went away meanwhile: no components to show
        }
        return components;
    }

    private static Map<String, Object> component(String name, String state) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", name);
        component.put("state", state);
        return component;
    }

    private static Map<String, Object> component(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
                return component(description.name, "active");
            case ComponentConfigurationDTO.SATISFIED:
                return component(description.name, "satisfied");
            case ComponentConfigurationDTO.FAILED_ACTIVATION: {
                Map<String, Object> component = component(description.name, "failed");
                component.put("failure", summary(configuration.failure));
                return component;
            }
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: {
                Map<String, Object> component = component(description.name, "unsatisfied");
                component.put("missing", "configuration " + String.join(", ", description.configurationPid));
                return component;
            }
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: {
                Map<String, Object> component = component(description.name, "unsatisfied");
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    String type = "";
                    for (ReferenceDTO declared : description.references) {
                        if (declared.name.equals(reference.name)) type = " " + declared.interfaceName;
                    }
                    missing.add("service" + type + (reference.target == null ? "" : " " + reference.target)
                            + " (reference " + reference.name + ")");
                }
                component.put("missing", String.join(", ", missing));
                return component;
            }
            default:
                return component(description.name, "unknown");
        }
    }

    /** A stack trace's messages without its frames: {@code java.lang.X: why / Caused by: ...}. */
    static String summary(String failure) {
        if (failure == null || failure.isBlank()) return "failed to activate (see the daemon log)";
        List<String> lines = new ArrayList<>();
        for (String line : failure.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("at ") || trimmed.startsWith("...")) continue;
            lines.add(trimmed);
        }
        return String.join(" / ", lines);
    }

    /** Why the bundle does not run, when that is known. */
    private String error(Bundle bundle) {
        String seen = errors.get(bundle.getBundleId());
        if (bundle.getState() != Bundle.INSTALLED) return seen;
        String unresolved = unresolved(bundle);
        if (unresolved != null) return unresolved;
        return seen != null ? seen : "not resolved (the daemon log says why)";
    }

    /**
     * The requirements of an INSTALLED bundle that no installed bundle offers: {@code missing
     * osgi.wiring.package (&(osgi.wiring.package=org.example)(version>=1.0.0))}; null when each has
     * a candidate (or the bundle is resolved).
     */
    String unresolved(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED) return null;
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) return null;
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) continue;
            String effective = directives.get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            if (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective)) continue;
            String filter = directives.get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            if (!offered(requirement.getNamespace(), filter)) {
                missing.add("missing " + requirement.getNamespace() + (filter == null ? "" : " " + filter));
            }
        }
        return missing.isEmpty() ? null : "cannot resolve: " + String.join("; ", missing);
    }

    private boolean offered(String namespace, String filter) {
        Filter matcher;
        try {
            matcher = filter == null ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED) continue;
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) continue;
            for (Capability capability : revision.getCapabilities(namespace)) {
                if (matcher == null || matcher.matches(capability.getAttributes())) return true;
            }
        }
        return false;
    }
}
