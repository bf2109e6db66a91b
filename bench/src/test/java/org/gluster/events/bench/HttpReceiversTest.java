package org.gluster.events.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpReceiversTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    private static String event(int seq) throws Exception {
        return new String(StampTest.delivered(Stamp.text(Stamp.Phase.BENCH, seq, System.nanoTime() / 1000, "")), StandardCharsets.UTF_8);
    }

    private static void awaitDelivered(Tally tally, long delivered) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tally.delivered() < delivered && System.nanoTime() < deadline) Thread.sleep(10);
    }

    @Test
    void eachReceiverCountsWhatTheJdkClientPostsToItAndAnswers200() throws Exception {
        Deliveries deliveries = new Deliveries(2, 200, 1);
        try (HttpReceivers receivers = new HttpReceivers("127.0.0.1", List.of(0, 0), deliveries).start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int receiver = 0; receiver < 2; receiver++) {
                URI url = URI.create("http://127.0.0.1:" + receivers.ports().get(receiver) + "/listen");
                for (int seq = 0; seq < 200; seq++) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(event(seq))).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode());
                    assertEquals("", response.body());
                }
            }
            URI first = URI.create("http://127.0.0.1:" + receivers.ports().get(0) + "/listen");
            client.send(HttpRequest.newBuilder(first).POST(HttpRequest.BodyPublishers.ofString(event(7))).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, client.send(HttpRequest.newBuilder(first).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "a request without a stamp is answered too");

            for (Tally tally : deliveries.tallies()) assertEquals(200, tally.delivered());
            assertEquals(1, deliveries.tallies().get(0).duplicated(), "seq 7 came twice");
            assertEquals(0, deliveries.tallies().get(1).duplicated());
            assertEquals(402, receivers.requests());
            assertEquals(400, (long) deliveries.latencyMillis().get("count"));
        }
    }

    @Test
    void pipelinedChunkedAndSplitRequestsOnOneConnectionAreEachCountedAndAnsweredInOrder() throws Exception {
        Deliveries deliveries = new Deliveries(1, 4, 1);
        try (HttpReceivers receivers = new HttpReceivers("127.0.0.1", List.of(0), deliveries).start();
             Socket socket = new Socket("127.0.0.1", receivers.ports().get(0))) {
            String plain = event(0);
            String chunked = event(1);
            int half = chunked.length() / 2;
            String requests = "POST /listen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\ncontent-length: "
                    + plain.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + plain
                    + "POST /listen HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(half) + "\r\n" + chunked.substring(0, half) + "\r\n"
                    + Integer.toHexString(chunked.length() - half) + ";ext=1\r\n" + chunked.substring(half) + "\r\n0\r\n\r\n";
            String third = event(2);
            String split = "POST /listen HTTP/1.1\r\nHost: x\r\nContent-Length: " + third.length() + "\r\n\r\n" + third;
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.UTF_8));
            out.write(split.substring(0, 20).getBytes(StandardCharsets.UTF_8)); // in the middle of the request line
            out.flush();
            awaitDelivered(deliveries.tallies().get(0), 2);
            out.write(split.substring(20, split.length() - 5).getBytes(StandardCharsets.UTF_8)); // in the middle of the body
            out.flush();
            Thread.sleep(50);
            out.write(split.substring(split.length() - 5).getBytes(StandardCharsets.UTF_8));
            out.flush();

            InputStream in = socket.getInputStream();
            byte[] answers = in.readNBytes(OK.length() * 3);
            assertEquals(OK.repeat(3), new String(answers, StandardCharsets.US_ASCII));
            Tally tally = deliveries.tallies().get(0);
            assertEquals(3, tally.delivered());
            assertEquals(0, tally.duplicated());
            assertEquals(0, tally.outOfOrder());
        }
    }

    @Test
    void aConnectionCloseRequestIsAnsweredThenTheConnectionCloses() throws Exception {
        Deliveries deliveries = new Deliveries(1, 1, 1);
        try (HttpReceivers receivers = new HttpReceivers("127.0.0.1", List.of(0), deliveries).start();
             Socket socket = new Socket("127.0.0.1", receivers.ports().get(0))) {
            String body = event(0);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));

            socket.setSoTimeout(5000);
            assertEquals(OK, new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII), "the answer, then the end");
            assertTrue(deliveries.tallies().get(0).delivered() == 1);
        }
    }
}
