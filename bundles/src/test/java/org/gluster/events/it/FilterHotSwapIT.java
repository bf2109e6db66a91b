package org.gluster.events.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.gluster.events.api.Event;
import org.gluster.events.api.EventEmitter;
import org.gluster.events.api.EventFilter;
import org.gluster.events.api.EventSource;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Hot swap of filters under load, in the distribution's bundle set: while 5,000 events a second
 * flow to a webhook at a real HTTP server, the bundle of a filter that tags every event with its
 * bundle's version, and the bundle of the real key-glob filter (which drops PEER_* events here),
 * are both updated to builds of a higher version. The webhook gets every event once, in order,
 * none of the disabled ones, and each event tagged by exactly one of the two builds: the old one up
 * to a single switch point, the new one after it. No event is untagged: delivery held while the
 * filter was being replaced.
 *
 * <p>The events come from an {@link EventSource} the test registers (loss-free, unlike datagrams
 * at that rate); the filters are configured through Config Admin, as {@code plugin-config} does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilterHotSwapIT {
    private static final String TAGGING_PID = "org.gluster.events.test.tagging";
    private static final String TAGGING_COMPONENT = "org.gluster.events.test.plugins.TaggingFilter";
    private static final String KEY_GLOB_PID = "org.gluster.events.filter.keyglob";
    private static final String KEY_GLOB_BUNDLE = "org.gluster.events.filter.keyglob";
    private static final int RATE = 5_000;
    private static final int EVENTS = 30_000; // 6 s at RATE
    private static final long TAGGING_UPDATE_MILLIS = 2_000;
    private static final long KEY_GLOB_UPDATE_MILLIS = 3_500;
    private static final Pattern EVENT = Pattern.compile("\"event\": \"([A-Z_]+)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\": \"(-?\\d+)\"");
    private static final Pattern TAG = Pattern.compile("\"tagged_by\": \"([^\"]*)\"");

    /** What the webhook got, one map per request; filled in the test JVM's copy of this class. */
    private static final BlockingQueue<Map<String, String>> RECEIVED = new LinkedBlockingQueue<>();

    /** The events log writes a line per event: at 5,000 a second that floods the test's output. Held here so the level stays. */
    private static final java.util.logging.Logger EVENTS_LOG = java.util.logging.Logger.getLogger("glustereventsd.events");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] distributionBundleSet() throws Exception {
        EVENTS_LOG.setLevel(java.util.logging.Level.WARNING);
        int webhookPort = PaxExamDistribution.WebhookEndpoint.start(RECEIVED);
        Path workdir = PaxExamDistribution.workdir();
        Files.writeString(workdir.resolve("events/webhooks.json"), "{\"http://127.0.0.1:" + webhookPort + "/listen\": {}}");
        return PaxExamDistribution.bundleSet(workdir);
    }

    @Test
    public void updatingFilterBundlesUnderLoadLosesRepeatsAndLeaksNothingAndSwitchesOnce() throws Exception {
        BlockingQueue<Map<String, String>> received = receiverQueueOfTestJvm();
        PaxExamDistribution.assertEveryDistributionBundleIsActive(context);

        configure(KEY_GLOB_PID, "disabled", new String[] {"PEER_*"});
        awaitFilter("(&(component.name=key-glob)(disabled=PEER_\\*))");
        Bundle keyGlob = bundleNamed(KEY_GLOB_BUNDLE);

        String pluginsJar = System.getProperty("glustereventsd.test.plugins");
        assertNotNull("glustereventsd.test.plugins is not set (see bundles/pom.xml)", pluginsJar);
        assertTrue("no test plugins jar at " + pluginsJar + ": build events-test-plugins first", Files.isRegularFile(Path.of(pluginsJar)));
        Bundle plugins = context.installBundle(Path.of(pluginsJar).toUri().toString());
        plugins.start();
        configure(TAGGING_PID, "enabled", Boolean.TRUE);
        awaitFilter("(component.name=" + TAGGING_COMPONENT + ")");
        String oldTag = plugins.getVersion().toString();
        byte[] newPlugins = reversioned(new URL(plugins.getLocation()));
        byte[] newKeyGlob = reversioned(new URL(keyGlob.getLocation()));
        String newTag = versionOf(newPlugins);

        Flow flow = new Flow();
        ServiceRegistration<EventSource> source = context.registerService(EventSource.class, flow, new Hashtable<>());
        try {
            assertTrue("the pipeline did not start the test's source within 10 s", flow.started.await(10, TimeUnit.SECONDS));

            // Both filters are in force before the flow: a disabled event never arrives, an enabled one arrives tagged.
            flow.emit("PEER_ATTACH", -2);
            flow.emit("VOLUME_CREATE", -1);
            Map<String, String> warmUp = received.poll(10, TimeUnit.SECONDS);
            assertNotNull("the warm-up event did not reach the webhook within 10 s", warmUp);
            assertEquals("the warm-up event, tagged (the PEER_ATTACH before it dropped): " + warmUp.get("body"),
                    List.of("VOLUME_CREATE", "-1", oldTag), List.of(match(EVENT, warmUp), match(SEQ, warmUp), String.valueOf(match(TAG, warmUp))));

            Thread emitter = new Thread(flow::run, "test-flow");
            long flowStarted = System.nanoTime();
            emitter.start();
            sleepUntil(flowStarted, TAGGING_UPDATE_MILLIS);
            long taggingUpdated = System.nanoTime();
            plugins.update(new ByteArrayInputStream(newPlugins));
            long taggingUpdateTook = System.nanoTime() - taggingUpdated;
            sleepUntil(flowStarted, KEY_GLOB_UPDATE_MILLIS);
            long keyGlobUpdated = System.nanoTime();
            keyGlob.update(new ByteArrayInputStream(newKeyGlob));
            long keyGlobUpdateTook = System.nanoTime() - keyGlobUpdated;
            emitter.join(TimeUnit.SECONDS.toMillis(30));
            long flowTook = System.nanoTime() - flowStarted;
            assertEquals("events the pipeline refused", 0, flow.refused.get());
            assertEquals(newTag, plugins.getVersion().toString());
            assertEquals(Bundle.ACTIVE, plugins.getState());
            assertEquals(Bundle.ACTIVE, keyGlob.getState());
            assertTrue("key-glob's new build is not in force with its configuration",
                    keyGlob.getVersion().toString().equals(versionOf(newKeyGlob)) && filterIn("(&(component.name=key-glob)(disabled=PEER_\\*))"));

            List<Integer> expected = new ArrayList<>();
            for (int seq = 0; seq < EVENTS; seq++) if (!isPeer(seq)) expected.add(seq);
            List<Map<String, String>> delivered = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered.size() < expected.size() && System.nanoTime() < deadline) {
                Map<String, String> request = received.poll(1, TimeUnit.SECONDS);
                if (request != null) delivered.add(request);
            }
            for (Map<String, String> r; (r = received.poll(1, TimeUnit.SECONDS)) != null; ) delivered.add(r);

            List<Integer> seqs = new ArrayList<>();
            List<String> peers = new ArrayList<>();
            List<Integer> untagged = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (Map<String, String> request : delivered) {
                int seq = Integer.parseInt(match(SEQ, request));
                seqs.add(seq);
                if (match(EVENT, request).startsWith("PEER_")) peers.add(seq + " " + request.get("body"));
                String tag = match(TAG, request);
                if (tag == null) untagged.add(seq);
                tags.add(tag);
            }

            // The switch: the first event tagged by the new build, and the longest wait between two deliveries.
            int switchAt = tags.indexOf(newTag);
            long maxGapNanos = 0;
            int gapBefore = -1;
            for (int i = 1; i < delivered.size(); i++) {
                long gap = nanos(delivered.get(i)) - nanos(delivered.get(i - 1));
                if (gap > maxGapNanos) {
                    maxGapNanos = gap;
                    gapBefore = seqs.get(i);
                }
            }
            long lastArrival = delivered.isEmpty() ? flowStarted : nanos(delivered.get(delivered.size() - 1));
            System.out.printf("FilterHotSwapIT: %d events emitted in %.2f s (%d PEER_ATTACH disabled), %d delivered;"
                            + " tagging bundle updated at %.2f s (update() took %d ms), key-glob at %.2f s (took %d ms);"
                            + " last delivery %.2f s after the flow started%n",
                    EVENTS, flowTook / 1e9, EVENTS - expected.size(), delivered.size(),
                    (taggingUpdated - flowStarted) / 1e9, taggingUpdateTook / 1_000_000, (keyGlobUpdated - flowStarted) / 1e9,
                    keyGlobUpdateTook / 1_000_000, (lastArrival - flowStarted) / 1e9);
            if (switchAt >= 0) {
                System.out.printf("FilterHotSwapIT: switch point: seq %d is the first tagged %s (after %d tagged %s),"
                                + " delivered %.3f s after update() was called%n",
                        seqs.get(switchAt), newTag, switchAt, oldTag, (nanos(delivered.get(switchAt)) - taggingUpdated) / 1e9);
            }
            System.out.printf("FilterHotSwapIT: max gap between two deliveries: %d ms, before seq %d%n", maxGapNanos / 1_000_000, gapBefore);

            assertTrue("disabled PEER_* events reached the webhook: " + first(peers), peers.isEmpty());
            assertTrue("events delivered without a tag (they met no tagging filter: delivery did not hold): " + first(untagged),
                    untagged.isEmpty());
            if (!expected.equals(seqs)) fail("not every enabled event once, in order: " + difference(expected, seqs));
            assertTrue("no event met the old build: " + first(tags), switchAt > 0);
            List<String> runs = runs(tags);
            assertEquals("one run of the old build's tag, then one of the new build's: " + runs, List.of(oldTag, newTag), runs);
            assertNotEquals(oldTag, newTag);
        } finally {
            source.unregister();
        }
    }

    // --- the flow

    /** An event source the pipeline starts; {@link #run} emits the flow at {@link #RATE}. */
    private static final class Flow implements EventSource {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger refused = new AtomicInteger();
        private volatile EventEmitter emitter;

        @Override
        public String name() {
            return "test-flow";
        }

        @Override
        public void start(EventEmitter emitter) {
            this.emitter = emitter;
            started.countDown();
        }

        @Override
        public void stop() {
        }

        void run() {
            long began = System.nanoTime();
            for (int seq = 0; seq < EVENTS; seq++) {
                long early = began + (long) seq * 1_000_000_000L / RATE - System.nanoTime();
                if (early > 200_000) LockSupport.parkNanos(early);
                emit(isPeer(seq) ? "PEER_ATTACH" : "VOLUME_CREATE", seq);
            }
        }

        void emit(String name, int seq) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put(name.startsWith("PEER_") ? "host" : "name", name.startsWith("PEER_") ? "10.0.0.9" : "gv-hotswap");
            message.put("seq", String.valueOf(seq));
            if (!emitter.emit(Event.of(System.currentTimeMillis() / 1000, name, message))) refused.incrementAndGet();
        }
    }

    /** Every tenth event is one that key-glob is configured to drop. */
    private static boolean isPeer(int seq) {
        return seq % 10 == 9;
    }

    // --- bundles and configuration

    private void configure(String pid, String key, Object value) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        // "?": bound to no bundle, so the configuration follows the component across bundle updates
        configAdmin.getConfiguration(pid, "?").update(properties);
    }

    private void awaitFilter(String filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!filterIn(filter)) {
            if (System.nanoTime() > deadline) fail("no EventFilter service " + filter + " within 10 s");
            Thread.sleep(20);
        }
    }

    private boolean filterIn(String filter) throws Exception {
        ServiceReference<?>[] references = context.getServiceReferences(EventFilter.class.getName(), filter);
        return references != null && references.length > 0;
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) if (symbolicName.equals(bundle.getSymbolicName())) return bundle;
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The jar at {@code location}, as a build of a higher version: the same entries, Bundle-Version one micro up. */
    private static byte[] reversioned(URL location) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (InputStream in = location.openStream(); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            Version version = Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION));
            main.putValue(Constants.BUNDLE_VERSION, new Version(version.getMajor(), version.getMinor(), version.getMicro() + 1, "hotswap").toString());
            try (JarOutputStream out = new JarOutputStream(copy, manifest)) {
                for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    jar.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy.toByteArray();
    }

    private static String versionOf(byte[] jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            return Version.parseVersion(in.getManifest().getMainAttributes().getValue(Constants.BUNDLE_VERSION)).toString();
        }
    }

    // --- reading what arrived

    private static String match(Pattern pattern, Map<String, String> request) {
        Matcher matcher = pattern.matcher(request.get("body"));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long nanos(Map<String, String> request) {
        return Long.parseLong(request.get("received_nanos"));
    }

    /** The values of {@code tags} with each run of equal ones folded into one. */
    private static List<String> runs(List<String> tags) {
        List<String> runs = new ArrayList<>();
        for (String tag : tags) if (runs.isEmpty() || !String.valueOf(runs.get(runs.size() - 1)).equals(String.valueOf(tag))) runs.add(tag);
        return runs;
    }

    /** What is missing from {@code actual}, what came twice and what came out of order, briefly. */
    private static String difference(List<Integer> expected, List<Integer> actual) {
        List<Integer> missing = new ArrayList<>(expected);
        missing.removeAll(new HashSet<>(actual));
        Set<Integer> seen = new HashSet<>();
        List<Integer> repeated = new ArrayList<>();
        List<Integer> outOfOrder = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            if (!seen.add(actual.get(i))) repeated.add(actual.get(i));
            if (i > 0 && actual.get(i) < actual.get(i - 1)) outOfOrder.add(actual.get(i));
        }
        return "missing " + missing.size() + " " + first(missing) + ", repeated " + repeated.size() + " " + first(repeated)
                + ", out of order " + outOfOrder.size() + " " + first(outOfOrder);
    }

    private static <T> List<T> first(List<T> list) {
        return list.subList(0, Math.min(10, list.size()));
    }

    private static void sleepUntil(long startNanos, long afterMillis) throws InterruptedException {
        long left = startNanos + TimeUnit.MILLISECONDS.toNanos(afterMillis) - System.nanoTime();
        if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    @SuppressWarnings("unchecked")
    private static BlockingQueue<Map<String, String>> receiverQueueOfTestJvm() throws ReflectiveOperationException {
        return (BlockingQueue<Map<String, String>>) PaxExamDistribution.fieldOfTestJvmCopy(FilterHotSwapIT.class, "RECEIVED");
    }
}
