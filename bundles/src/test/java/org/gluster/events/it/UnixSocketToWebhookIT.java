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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.inject.Inject;

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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The distribution's bundle set, exactly as {@code bundles/target/glustereventsd} ships it
 * ({@code system/} and {@code bundles/}), booted in Felix by Pax Exam's native container: one
 * datagram at the real AF_UNIX socket comes out as one webhook POST at a real HTTP server.
 *
 * <p>The {@code @Configuration} method runs in the test JVM before the framework starts: it writes the
 * node's {@code events/config.json} and {@code events/webhooks.json} and starts the receiving HTTP
 * server. The {@code @Test} runs inside the framework, in Pax Exam's probe bundle; the native
 * container is the same JVM, so it reaches the receiver's queue through the test class as the test
 * JVM's class loader holds it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UnixSocketToWebhookIT {
    private static final String TOKEN = "t0k";
    private static final Pattern BODY = Pattern.compile(
            "\\{\"event\": \"VOLUME_CREATE\", \"message\": \\{\"name\": \"gv1\"\\}, \"nodeid\": \"([^\"]*)\", \"ts\": (-?\\d+)\\}");

    /** What the webhook receiver got, one map per request; filled in the test JVM's copy of this class. */
    private static final BlockingQueue<Map<String, String>> RECEIVED = new LinkedBlockingQueue<>();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] distributionBundleSet() throws Exception {
        Path distribution = distribution();
        Path workdir = Files.createTempDirectory("ged-it-workdir-");
        Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ged-it-");
        Path hotDeploy = Files.createTempDirectory("ged-it-hotdeploy-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path dir : List.of(workdir, socketDir, hotDeploy)) deleteTree(dir);
        }));

        int webhookPort = WebhookReceiver.start(RECEIVED);
        Path events = Files.createDirectories(workdir.resolve("events"));
        Files.writeString(events.resolve("config.json"), "{\"port\": " + freeUdpPort() + ", \"rest-port\": " + freeTcpPort()
                + ", \"bind-address\": \"127.0.0.1\"}");
        Files.writeString(events.resolve("webhooks.json"),
                "{\"http://127.0.0.1:" + webhookPort + "/listen\": {\"token\": \"" + TOKEN + "\", \"secret\": \"\"}}");

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

    @Test
    public void datagramOnUnixSocketReachesWebhookWithProtocolJson() throws Exception {
        BlockingQueue<Map<String, String>> received = receiverQueueOfTestJvm();
        assertEveryDistributionBundleIsActive();

        Path socket = Path.of(context.getProperty("glustereventsd.socket"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue("the unix-socket source did not create " + socket + " within 10 s", Files.exists(socket));

        long sentAt = System.currentTimeMillis() / 1000;
        sendDatagram(socket, "Volume.Create=gv1");

        Map<String, String> request = received.poll(5, TimeUnit.SECONDS);
        assertNotNull("no POST reached the webhook within 5 s of the datagram", request);
        assertEquals("POST", request.get("method"));
        assertEquals("/listen", request.get("path"));
        assertEquals("application/json", request.get("content-type"));
        assertEquals("Bearer " + TOKEN, request.get("authorization"));
        String body = request.get("body");
        Matcher matcher = BODY.matcher(body);
        assertTrue("body is not the PROTOCOL §2a JSON of VOLUME_CREATE name=gv1: " + body, matcher.matches());
        UUID nodeId = UUID.fromString(matcher.group(1));
        assertEquals("nodeid is not a canonical UUID: " + body, nodeId.toString(), matcher.group(1));
        long ts = Long.parseLong(matcher.group(2));
        assertTrue("ts " + ts + " is not within 60 s of " + sentAt, Math.abs(ts - sentAt) <= 60);

        Map<String, String> extra = received.poll(500, TimeUnit.MILLISECONDS);
        assertEquals("one datagram, one POST; also got " + extra, null, extra);
    }

    private void assertEveryDistributionBundleIsActive() throws IOException {
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

    /** A real AF_UNIX datagram, sent the way a Python producer sends it. */
    private static void sendDatagram(Path socket, String text) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c",
                "import socket,sys; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(sys.argv[2].encode(), sys.argv[1])",
                socket.toString(), text).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python3 did not finish", python.waitFor(10, TimeUnit.SECONDS));
        assertEquals("python3 sendto failed: " + output, 0, python.exitValue());
    }

    /**
     * The receiver's queue as the test JVM's copy of this class holds it. This method runs in the probe
     * bundle, whose copy of the class is another one: proof that the test runs inside the framework,
     * and (the queue being reachable) that the framework runs in the test JVM.
     */
    @SuppressWarnings("unchecked")
    private static BlockingQueue<Map<String, String>> receiverQueueOfTestJvm() throws ReflectiveOperationException {
        Class<?> testJvmCopy = ClassLoader.getSystemClassLoader().loadClass(UnixSocketToWebhookIT.class.getName());
        assertNotSame("the test should run in the probe bundle, not on the class path", UnixSocketToWebhookIT.class, testJvmCopy);
        Field field = testJvmCopy.getDeclaredField("RECEIVED");
        field.setAccessible(true);
        return (BlockingQueue<Map<String, String>>) field.get(null);
    }

    private static Path distribution() {
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** The webhook endpoint: the JDK's HTTP server on 127.0.0.1, recording every request and answering 200. */
    static final class WebhookReceiver {
        private WebhookReceiver() {
        }

        static int start(BlockingQueue<Map<String, String>> received) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> record(exchange, received));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return server.getAddress().getPort();
        }

        private static void record(HttpExchange exchange, BlockingQueue<Map<String, String>> received) throws IOException {
            Map<String, String> request = new HashMap<>();
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
