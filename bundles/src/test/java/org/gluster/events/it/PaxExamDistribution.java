package org.gluster.events.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The distribution's bundle set, exactly as {@code bundles/target/glustereventsd} ships it
 * ({@code system/} and {@code bundles/}), for the tests that boot it in Felix with Pax Exam's
 * native container. {@link #workdir()}, {@link #bundleSet} and {@link WebhookEndpoint#start} run in
 * the test JVM, from a {@code @Configuration} method, before the framework starts; the others run
 * inside the framework, in Pax Exam's probe bundle.
 */
final class PaxExamDistribution {
    private PaxExamDistribution() {
    }

    /**
     * A node's workdir with its {@code events/config.json} (free ports on 127.0.0.1), deleted when
     * the JVM exits; the caller adds {@code events/webhooks.json}.
     */
    static Path workdir() throws IOException {
        Path workdir = Files.createTempDirectory("ged-it-workdir-");
        deleteOnExit(workdir);
        Path events = Files.createDirectories(workdir.resolve("events"));
        Files.writeString(events.resolve("config.json"), "{\"port\": " + freeUdpPort() + ", \"rest-port\": " + freeTcpPort()
                + ", \"bind-address\": \"127.0.0.1\"}");
        return workdir;
    }

    /** The options that boot the distribution's bundle set, all started, on the node of {@code workdir}. */
    static Option[] bundleSet(Path workdir) throws Exception {
        Path distribution = distribution();
        Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ged-it-");
        Path hotDeploy = Files.createTempDirectory("ged-it-hotdeploy-");
        deleteOnExit(socketDir);
        deleteOnExit(hotDeploy);

        List<Option> options = new ArrayList<>();
        // the framework's storage beside the distribution (target/), not under the home folder
        options.add(workingDirectory(distribution.resolveSibling("paxexam").toString()));
        options.add(frameworkProperty("glustereventsd.workdir").value(workdir.toString()));
        options.add(frameworkProperty("glustereventsd.socket").value(socketDir.resolve("events.sock").toString()));
        options.add(frameworkProperty("glustereventsd.defaults").value(distribution.resolve("etc/eventsconfig.json").toString()));
        // FileInstall is part of the set; it watches an empty folder so it manages none of the bundles below.
        options.add(frameworkProperty("felix.fileinstall.dir").value(hotDeploy.toString()));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.log.default").value("jul"));
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        // As the launcher does: SLF4J comes from the class path, exported with slf4j-api's own header
        // (org.slf4j 2.0.16 for the distribution, and its 1.7.36 aliases for Pax Exam's bundles).
        options.add(systemPackages(slf4jExports()));
        for (Path jar : distributionJars(distribution)) {
            options.add(bundle(jar.toUri().toString()).start(!isFragment(jar)));
        }
        options.add(junitBundles());
        return options(options.toArray(Option[]::new));
    }

    /** Inside the framework: every bundle of the distribution is installed, and active (resolved for a fragment). */
    static void assertEveryDistributionBundleIsActive(BundleContext context) throws IOException {
        List<String> locations = new ArrayList<>();
        for (Path jar : distributionJars(distribution())) locations.add(jar.toUri().toString());
        List<String> notActive = new ArrayList<>();
        int found = 0;
        for (Bundle bundle : context.getBundles()) {
            if (!locations.contains(bundle.getLocation())) continue;
            found++;
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) notActive.add(bundle.getSymbolicName() + " (state " + bundle.getState() + ")");
        }
        assertEquals("bundles of the distribution installed in the framework", locations.size(), found);
        assertTrue("bundles of the distribution not active: " + notActive, notActive.isEmpty());
    }

    /**
     * Inside the framework: a static field as the test JVM's copy of {@code testClass} holds it. The
     * probe bundle's copy of the class is another one: proof that the test runs inside the
     * framework, and (the field being reachable) that the framework runs in the test JVM.
     */
    static Object fieldOfTestJvmCopy(Class<?> testClass, String name) throws ReflectiveOperationException {
        Class<?> testJvmCopy = ClassLoader.getSystemClassLoader().loadClass(testClass.getName());
        assertNotSame("the test should run in the probe bundle, not on the class path", testClass, testJvmCopy);
        Field field = testJvmCopy.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    static Path distribution() {
        String property = System.getProperty("glustereventsd.distribution");
        Path distribution = Path.of(property == null ? "target/glustereventsd" : property).toAbsolutePath();
        if (!Files.isDirectory(distribution.resolve("system"))) {
            fail("no distribution at " + distribution + ": run mvn package first");
        }
        return distribution;
    }

    /** Every jar of system/ and bundles/, in the order the launcher installs them. */
    private static List<Path> distributionJars(Path distribution) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of("system", "bundles")) {
            List<Path> sorted = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(distribution.resolve(folder), "*.jar")) {
                found.forEach(sorted::add);
            }
            sorted.sort(null);
            jars.addAll(sorted);
        }
        return jars;
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        }
    }

    private static String slf4jExports() throws Exception {
        Path api = Path.of(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(api.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            assertNotNull("slf4j-api has no Export-Package header", exports);
            return exports;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** A webhook endpoint in the test JVM; a class of its own, as the probe bundle cannot load the JDK's HTTP server. */
    static final class WebhookEndpoint {
        private WebhookEndpoint() {
        }

        /**
         * A webhook endpoint in the test JVM: the JDK's HTTP server on 127.0.0.1, answering 200 and
         * recording every request into {@code received} as {@code method}, {@code path},
         * {@code content-type}, {@code authorization}, {@code body} and {@code received_nanos} (its
         * {@link System#nanoTime()} on arrival).
         *
         * @return its port
         */
        static int start(BlockingQueue<Map<String, String>> received) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> record(exchange, received));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return server.getAddress().getPort();
        }

        private static void record(HttpExchange exchange, BlockingQueue<Map<String, String>> received) throws IOException {
            Map<String, String> request = new HashMap<>();
            request.put("received_nanos", String.valueOf(System.nanoTime()));
            request.put("method", exchange.getRequestMethod());
            request.put("path", exchange.getRequestURI().getPath());
            request.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            request.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try (InputStream body = exchange.getRequestBody()) {
                request.put("body", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            received.add(request);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
    }
}
