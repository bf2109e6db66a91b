package org.example.glusterevents.jsonl.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The sink's jar as a user installs it: in Felix with SCR and Config Admin beside the events-api
 * bundle, and nothing of the daemon. It starts without configuration, writes to the default path
 * under {@code glustereventsd.workdir}, and moves to the path a configuration names without
 * losing its place.
 *
 * <p>The {@code @Test} runs inside the framework (Pax Exam's probe bundle); it plays the runtime's
 * part, opening the sink's service with a cursor of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JsonlFileSinkInFelixIT {
    private static final String PID = "org.example.glusterevents.jsonl";
    private static final String NODE = "5b7a2b3c-5d6e-4f70-8192-a3b4c5d6e7f8";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] felixWithScrConfigAdminAndTheSink() throws Exception {
        Path workdir = Files.createTempDirectory("jsonl-sink-it-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(workdir)));
        List<Option> options = new ArrayList<>();
        options.add(workingDirectory(Path.of("target", "paxexam").toAbsolutePath().toString()));
        options.add(frameworkProperty("glustereventsd.workdir").value(workdir.toString()));
        // Pax Exam's own bundles log through the SLF4J of the class path, exported with slf4j-api's header
        options.add(systemPackages(slf4jExports()));
        for (String property : List.of("jackson.annotations.bundle", "jackson.core.bundle", "jackson.databind.bundle",
                "events.api.bundle", "function.bundle", "promise.bundle", "component.bundle", "scr.bundle",
                "configadmin.bundle", "jsonl.sink.bundle")) {
            options.add(bundle(jar(property).toUri().toString()).start(true));
        }
        options.add(junitBundles());
        return options(options.toArray(Option[]::new));
    }

    @Test
    public void startsWithDefaultsAndFollowsItsConfigurationToANewPath() throws Exception {
        Bundle sinkBundle = installedBundle("org.example.glusterevents.jsonl");
        assertEquals("the sink bundle is active", Bundle.ACTIVE, sinkBundle.getState());
        ServiceReference<EventSink> reference = awaitSink();
        assertEquals(sinkBundle, reference.getBundle());
        EventSink sink = context.getService(reference);
        assertEquals("jsonl", sink.name());

        Path workdir = Path.of(context.getProperty("glustereventsd.workdir"));
        Path defaultFile = workdir.resolve("events/events.jsonl");
        assertEquals("without configuration it writes under glustereventsd.workdir", defaultFile.toString(), sink.status().get("path"));

        Event create = event(1, "VOLUME_CREATE", Map.of("name", "gv1"));
        Event start = event(2, "VOLUME_START", Map.of("force", "0", "name", "gv1"));
        Event attach = event(3, "PEER_ATTACH", Map.of("host", "node2"));
        TestCursor cursor = new TestCursor(List.of(create, start, attach));
        sink.open(cursor);
        try {
            await("3 events acknowledged", () -> cursor.acknowledged() == 3);
            assertEquals(List.of(
                    "{\"event\": \"VOLUME_CREATE\", \"id\": \"" + id(1) + "\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000001}",
                    "{\"event\": \"VOLUME_START\", \"id\": \"" + id(2) + "\", \"message\": {\"force\": \"0\", \"name\": \"gv1\"}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000002}",
                    "{\"event\": \"PEER_ATTACH\", \"id\": \"" + id(3) + "\", \"message\": {\"host\": \"node2\"}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000003}"),
                    lines(defaultFile));

            // as `gluster-eventsapi plugin-config` sets it: whole numbers as Long, the rest as text;
            // Declarative Services converts them to the types of the configuration interface
            Path configuredFile = workdir.resolve("elsewhere/volumes.jsonl");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("path", configuredFile.toString());
            properties.put("max.size.mb", 50L);
            properties.put("keep", 3L);
            properties.put("events", "Volume.*");
            org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
            configuration.update(properties);
            await("the sink follows its new configuration", () -> configuredFile.toString().equals(sink.status().get("path")));
            assertEquals("the same component, modified in place: its cursor stays open", reference.getProperty(Constants.SERVICE_ID),
                    awaitSink().getProperty(Constants.SERVICE_ID));
            assertEquals("no config_warnings", null, sink.status().get("config_warnings"));
            assertEquals(50.0, sink.status().get("max_size_mb"));
            assertEquals(3, sink.status().get("keep"));
            assertEquals("Volume.*", sink.status().get("events"));

            Event stop = event(4, "VOLUME_STOP", Map.of("name", "gv1"));
            Event detach = event(5, "PEER_DETACH", Map.of("host", "node2"));
            cursor.add(List.of(stop, detach));
            await("5 events acknowledged", () -> cursor.acknowledged() == 5);
            assertEquals("only Volume.* events, at the new path",
                    List.of("{\"event\": \"VOLUME_STOP\", \"id\": \"" + id(4) + "\", \"message\": {\"name\": \"gv1\"}, \"nodeid\": \"" + NODE + "\", \"ts\": 1700000004}"),
                    lines(configuredFile));
            assertEquals("nothing more at the old path", 3, lines(defaultFile).size());
            assertEquals(4L, sink.status().get("written"));
            assertEquals(1L, sink.status().get("skipped"));

            // a fraction as text is a size too
            properties.put("max.size.mb", "0.5");
            configuration.update(properties);
            await("the sink rotates at half a megabyte", () -> Double.valueOf(0.5).equals(sink.status().get("max_size_mb")));

            // a value that cannot be used: said in the status, the default used, the sink still writing
            properties.put("max.size.mb", "lots");
            configuration.update(properties);
            await("the unusable size is reported", () -> sink.status().get("config_warnings") != null);
            assertEquals(List.of("max.size.mb cannot be read (java.lang.NumberFormatException: For input string: \"lots\"); using 10.0"),
                    sink.status().get("config_warnings"));
            cursor.add(List.of(event(6, "VOLUME_DELETE", Map.of("name", "gv1"))));
            await("6 events acknowledged", () -> cursor.acknowledged() == 6);
            assertEquals(2, lines(configuredFile).size());

            // without configuration again: back to the default path
            configuration.delete();
            await("the sink returns to its default path", () -> defaultFile.toString().equals(sink.status().get("path")));
        } finally {
            sink.close();
            context.ungetService(reference);
        }
    }

    // --- helpers

    private Bundle installedBundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) return bundle;
        }
        fail("no bundle " + symbolicName + " installed");
        return null;
    }

    private ServiceReference<EventSink> awaitSink() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ServiceReference<EventSink> reference = awaitSinkQuietly();
            if (reference != null) return reference;
            Thread.sleep(20);
        }
        fail("no EventSink service within 10 s");
        return null;
    }

    private ServiceReference<EventSink> awaitSinkQuietly() {
        try {
            Collection<ServiceReference<EventSink>> found = context.getServiceReferences(EventSink.class, null);
            return found.isEmpty() ? null : found.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(what + ": not within 10 s");
            Thread.sleep(20);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        assertTrue(file + " exists", Files.exists(file));
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String id(int n) {
        return String.format("018f0000-0000-7000-8000-%012d", n);
    }

    private static Event event(int n, String name, Map<String, Object> message) {
        return Event.of(id(n), NODE, 1700000000L + n, name, message, false);
    }

    /** A bundle's jar, as the build passes it (see the failsafe configuration of the pom). */
    private static Path jar(String property) {
        String value = System.getProperty(property);
        assertNotNull("system property " + property + " is not set: run through mvn verify", value);
        Path jar = Path.of(value);
        assertTrue(jar + " is not a jar: run mvn verify (after package)", Files.isRegularFile(jar));
        return jar;
    }

    private static String slf4jExports() throws Exception {
        Path api = Path.of(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(api.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            assertNotNull("slf4j-api has no Export-Package header", exports);
            return exports;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** The runtime's part: a cursor over a list that more events can be added to, counting acknowledgements. */
    static final class TestCursor implements EventCursor {
        private final List<Event> events;
        private int taken;
        private int acknowledged;

        TestCursor(List<Event> events) {
            this.events = new ArrayList<>(events);
        }

        synchronized void add(List<Event> more) {
            events.addAll(more);
            notifyAll();
        }

        synchronized int acknowledged() {
            return acknowledged;
        }

        @Override
        public synchronized List<Event> poll(int max, long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (taken == events.size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return List.of();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            List<Event> batch = List.copyOf(events.subList(taken, Math.min(events.size(), taken + max)));
            taken += batch.size();
            return batch;
        }

        @Override
        public synchronized void acknowledge(Event event) {
            int index = events.indexOf(event);
            assertTrue("acknowledged " + event + ", which was not taken", index >= 0 && index < taken);
            acknowledged = index + 1;
        }

        @Override
        public synchronized long pending() {
            return events.size() - acknowledged;
        }

        @Override
        public boolean isClosed() {
            return false;
        }
    }
}
