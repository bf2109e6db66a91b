package org.gluster.events.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eventsdash}: the test dashboard of PROTOCOL §2b. A webhook listener that prints one line
 * per event it receives; register it with {@code gluster-eventsapi webhook-add http://HOST:9000/listen}.
 */
@Command(name = "eventsdash", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Listen for Gluster events as a webhook and print one line per event.",
                "Serves GET / (answers OK) and POST /listen on all interfaces."})
public final class EventsDash implements Callable<Integer> {
    static final String LINE_FORMAT = "%-20s %-20s %-36s %s";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-p", "--port"}, description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = 9000;

    private PrintWriter out;

    public static void main(String[] args) {
        // Without TCP_NODELAY the JDK server's answer waits on the client's delayed ACK: 40 ms an event.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(new CommandLine(new EventsDash()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
        server.start();
        System.err.println("eventsdash listening on port " + server.getAddress().getPort()
                + "; register it with: gluster-eventsapi webhook-add http://<this host>:" + server.getAddress().getPort() + "/listen");
        out.println(String.format(LINE_FORMAT, "TIMESTAMP", "EVENT", "NODE ID", "MESSAGE"));
        Thread.currentThread().join();
        return 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status = 200;
        if (method.equals("GET") && path.equals("/")) {
            status = 200;
        } else if (method.equals("POST") && path.equals("/listen")) {
            if (body.length > 0) printEvent(body); // webhook-test sends no body: answered, not printed
        } else {
            status = 404;
        }
        byte[] answer = (status == 200 ? "OK" : "Not Found").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void printEvent(byte[] body) {
        try {
            Map<?, ?> event = JSON.readValue(body, Map.class);
            out.println(line(event));
        } catch (IOException e) {
            System.err.println("eventsdash: not an event: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** time, event, node id, then {@code k=v} pairs separated by spaces; values as Python prints them. */
    static String line(Map<?, ?> event) {
        Object ts = event.get("ts");
        String time = ts instanceof Number number ? TIME.format(Instant.ofEpochSecond(number.longValue())) : String.valueOf(ts);
        Object message = event.get("message");
        String pairs = message instanceof Map<?, ?> map
                ? map.entrySet().stream().map(e -> e.getKey() + "=" + pythonText(e.getValue())).collect(Collectors.joining(" "))
                : "";
        return String.format(LINE_FORMAT, time, event.get("event"), event.get("nodeid"), pairs);
    }

    private static String pythonText(Object value) {
        return value instanceof String text ? text : pythonRepr(value);
    }

    private static String pythonRepr(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean b) return b ? "True" : "False";
        if (value instanceof String text) return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        if (value instanceof List<?> list) return list.stream().map(EventsDash::pythonRepr).collect(Collectors.joining(", ", "[", "]"));
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> pythonRepr(e.getKey()) + ": " + pythonRepr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
