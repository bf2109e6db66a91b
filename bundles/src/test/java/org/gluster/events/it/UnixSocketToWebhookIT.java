package org.gluster.events.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

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
        int webhookPort = PaxExamDistribution.WebhookEndpoint.start(RECEIVED);
        Path workdir = PaxExamDistribution.workdir();
        Files.writeString(workdir.resolve("events/webhooks.json"),
                "{\"http://127.0.0.1:" + webhookPort + "/listen\": {\"token\": \"" + TOKEN + "\", \"secret\": \"\"}}");
        return PaxExamDistribution.bundleSet(workdir);
    }

    @Test
    public void datagramOnUnixSocketReachesWebhookWithProtocolJson() throws Exception {
        BlockingQueue<Map<String, String>> received = receiverQueueOfTestJvm();
        PaxExamDistribution.assertEveryDistributionBundleIsActive(context);

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

    /** A real AF_UNIX datagram, sent the way a Python producer sends it. */
    private static void sendDatagram(Path socket, String text) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c",
                "import socket,sys; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(sys.argv[2].encode(), sys.argv[1])",
                socket.toString(), text).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python3 did not finish", python.waitFor(10, TimeUnit.SECONDS));
        assertEquals("python3 sendto failed: " + output, 0, python.exitValue());
    }

    /** The receiver's queue as the test JVM's copy of this class holds it (this method runs in the probe bundle). */
    @SuppressWarnings("unchecked")
    private static BlockingQueue<Map<String, String>> receiverQueueOfTestJvm() throws ReflectiveOperationException {
        return (BlockingQueue<Map<String, String>>) PaxExamDistribution.fieldOfTestJvmCopy(UnixSocketToWebhookIT.class, "RECEIVED");
    }
}
