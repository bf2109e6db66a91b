package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} read by Prometheus's own tools: the text parser of the Python client (Debian's
 * python3-prometheus-client), {@code promtool check metrics} (Debian's prometheus), and a real
 * Prometheus server scraping the daemon with the alert rules and the Grafana dashboard of
 * {@code docs/monitoring/}, whose every query must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path MONITORING = Path.of("..", "docs", "monitoring").toAbsolutePath().normalize();
    /** Prints every sample the Python client's parser reads as {@code name{labels} value}, one a line, labels sorted. */
    private static final String PARSE = String.join("\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        labels = ','.join(k + '=' + s.labels[k] for k in sorted(s.labels))",
            "        print(s.name + '{' + labels + '} ' + repr(float(s.value)))");

    private Path root;
    private DaemonProcess daemon;
    private WebhookReceiver webhook;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void startDaemon(@TempDir Path temporary) throws Exception {
        root = temporary;
        webhook = new WebhookReceiver();
        daemon = new DaemonProcess(root.resolve("node")).writeWebhooks("{\"" + webhook.url() + "\": {}}");
        // A peer that never answers: its relay has a lag, so every metric the dashboard and the rules name is there.
        Path config = daemon.workdir.resolve("events/config.json");
        Map<String, Object> settings = JSON.readValue(config.toFile(), Map.class);
        settings.put("peers", List.of("127.0.0.3"));
        JSON.writeValue(config.toFile(), settings);
        daemon.start();
        daemon.sendUdp("this is no event"); // so that the rejected inputs have a series
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!daemon.metrics().contains("glustereventsd_inputs_rejected_total{") && System.nanoTime() < deadline) Thread.sleep(50);
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) daemon.close();
        if (webhook != null) webhook.close();
    }

    /** The samples of {@code /metrics} as the Prometheus client's parser reads them. */
    private Map<String, Double> parsed() throws Exception {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PARSE).start();
        python.getOutputStream().write(daemon.metrics().getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), "the parser refused the exposition: " + err);
        Map<String, Double> samples = new TreeMap<>();
        for (String line : out.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static double rejectedFromUdp(Map<String, Double> samples) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith("glustereventsd_inputs_rejected_total{") && e.getKey().contains("source=udp"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private void awaitSample(String sample, double value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Map<String, Double> samples = Map.of();
        while (System.nanoTime() < deadline) {
            samples = parsed();
            if (Double.valueOf(value).equals(samples.get(sample))) return;
            Thread.sleep(100);
        }
        throw new AssertionError(sample + " never reached " + value + "; last: " + samples.get(sample));
    }

    private void send(int count, String prefix) throws IOException {
        for (int i = 0; i < count; i++) daemon.sendUdp(System.currentTimeMillis() / 1000 + " 2 name=" + prefix + i);
    }

    @Test
    void countersReadByThePrometheusParserMoveAsEventsFlow() throws Exception {
        String received = "glustereventsd_events_received_total{source=udp,type=VOLUME_CREATE}";
        String delivered = "glustereventsd_sink_delivered_total{sink=webhook:" + webhook.url() + "}";
        Map<String, Double> before = parsed();
        double receivedBefore = before.getOrDefault(received, 0.0);
        double deliveredBefore = before.getOrDefault(delivered, 0.0);
        double rejectedBefore = rejectedFromUdp(before);
        assertEquals(1.0, before.get("glustereventsd_source_up{source=udp}"), before.toString());
        assertTrue(before.get("jvm_memory_used_bytes{area=heap}") > 0, "JVM metrics are there");
        assertTrue(before.get("process_resident_memory_bytes{}") > 0, "process metrics are there");

        daemon.sendUdp("this is no event");
        send(25, "counted-");
        awaitSample(received, receivedBefore + 25);
        awaitSample(delivered, deliveredBefore + 25);
        Map<String, Double> after = parsed();
        assertEquals(rejectedBefore + 1, rejectedFromUdp(after), "the bad datagram is counted, by reason: " + after.keySet());
        assertEquals(0.0, after.get("glustereventsd_sink_pending_events{sink=webhook:" + webhook.url() + "}"));
        assertEquals(1.0, after.get("glustereventsd_sink_state{sink=webhook:" + webhook.url() + ",state=open}"));
    }

    @Test
    void promtoolFindsNothingAgainstTheNamingConventions() throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(daemon.metrics().getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), out);
        assertEquals("", out.strip(), "no lint findings");
    }

    @Test
    void theDocumentedRulesAndDashboardPassPromtoolAndEveryQueryRunsOnAPrometheusScrapingTheDaemon() throws Exception {
        Path rules = MONITORING.resolve("glustereventsd-alerts.yml");
        assertEquals(0, run("promtool", "check", "config", MONITORING.resolve("prometheus.yml").toString()));
        assertEquals(0, run("promtool", "test", "rules", MONITORING.resolve("glustereventsd-alerts.test.yml").toString()));

        int port = DaemonProcess.freeTcpPort();
        Path config = root.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: ['" + rules + "']",
                "scrape_configs:",
                "  - job_name: glustereventsd",
                "    metrics_path: /metrics",
                "    static_configs: [{targets: ['127.0.0.1:" + daemon.restPort + "']}]", ""));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + root.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(root.resolve("prometheus.log").toFile()).start();
        try {
            send(5, "scraped-");
            JsonNode up = awaitQuery(port, "sum(glustereventsd_events_received_total{job=\"glustereventsd\"})", Duration.ofSeconds(30));
            assertTrue(up.path(0).path("value").path(1).asDouble() >= 5, up.toString());

            List<String> failures = new ArrayList<>();
            for (String expr : dashboardQueries()) {
                JsonNode answer = query(port, expr);
                if (!"success".equals(answer.path("status").asText())) failures.add(expr + " -> " + answer);
            }
            assertEquals(List.of(), failures, "every query of the Grafana dashboard runs");

            JsonNode groups = awaitRulesEvaluated(port);
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    assertEquals("ok", rule.path("health").asText(), rule.path("name").asText() + ": " + rule.path("lastError").asText());
                }
            }

            Set<String> exposed = new TreeSet<>();
            for (String line : daemon.metrics().split("\n")) if (!line.startsWith("#") && !line.isBlank()) exposed.add(line.split("[{ ]", 2)[0]);
            Set<String> referenced = new TreeSet<>();
            Matcher names = Pattern.compile("\\b((?:glustereventsd|jvm|process)_[a-z_]+)").matcher(String.join("\n", dashboardQueries()) + Files.readString(rules));
            while (names.find()) referenced.add(names.group(1));
            referenced.removeAll(exposed);
            assertEquals(Set.of(), referenced, "metrics the dashboard or the rules name that /metrics does not have");
        } finally {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The {@code expr} of every target of the Grafana dashboard, with its variables set to "all". */
    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        JSON.readTree(MONITORING.resolve("grafana-dashboard.json").toFile()).findValues("expr").forEach(expr -> queries.add(
                expr.asText().replace("$instance", ".*").replace("${instance}", ".*")
                        .replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "5m")));
        assertTrue(queries.size() >= 10, "the dashboard has its panels: " + queries);
        return queries;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor();
    }

    private static JsonNode query(int port, String expr) throws Exception {
        return get(port, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private static JsonNode get(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The result of {@code expr} once it is not empty. */
    private JsonNode awaitQuery(int port, String expr, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode result = query(port, expr).path("data").path("result");
                if (result.size() > 0) return result;
            } catch (IOException e) {
                // Prometheus is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never had " + expr + ":\n" + Files.readString(root.resolve("prometheus.log")));
    }

    /** The rule groups once every rule was evaluated at least once. */
    private static JsonNode awaitRulesEvaluated(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode groups = null;
        while (System.nanoTime() < deadline) {
            groups = get(port, "/api/v1/rules").path("data").path("groups");
            boolean all = groups.size() > 0;
            for (JsonNode group : groups) for (JsonNode rule : group.path("rules")) all &= !"unknown".equals(rule.path("health").asText());
            if (all) return groups;
            Thread.sleep(250);
        }
        throw new AssertionError("the rules were not all evaluated: " + groups);
    }
}
