package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/gluster-eventsapi} called as scripts call it: exit codes, stderr and parsed --json. */
class ScriptedCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workdir;

    record Run(int exit, String out, String err) {
        Map<?, ?> json() throws Exception {
            return JSON.readValue(out, Map.class);
        }
    }

    private Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DaemonProcess.DISTRIBUTION.resolve("bin/gluster-eventsapi").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--workdir", workdir.toString()));
        Process process = new ProcessBuilder(command).redirectError(workdir.resolve("cli.err").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "gluster-eventsapi did not finish");
        return new Run(process.exitValue(), out, Files.readString(workdir.resolve("cli.err")));
    }

    @Test
    void webhookAddWithTokenAndSecretIsCheckedByExitCodeAndStderrOnly() throws Exception {
        Run added = cli("webhook-add", "http://192.0.2.10:9000/listen", "-t", "TOKEN", "-s", "SECRET");
        assertEquals(0, added.exit());
        assertEquals("", added.err());
        assertEquals(Map.of("http://192.0.2.10:9000/listen", Map.of("token", "TOKEN", "secret", "SECRET")),
                JSON.readValue(workdir.resolve("events/webhooks.json").toFile(), Map.class));

        Run again = cli("webhook-add", "http://192.0.2.10:9000/listen", "-t", "TOKEN");
        assertEquals(5, again.exit());
        assertEquals("Webhook already exists\n", again.err());
        assertEquals(6, cli("webhook-del", "http://192.0.2.10:9000/nope").exit());
        Run badUrl = cli("webhook-add", "ftp://192.0.2.10/listen");
        assertEquals(1, badUrl.exit());
        assertTrue(badUrl.err().contains("expected http:// or https://"), badUrl.err());
    }

    @Test
    void configCommandsValidateAndExitAsTheExistingToolDoes() throws Exception {
        Run unknown = cli("config-set", "colour", "red", "--json");
        assertEquals(7, unknown.exit());
        assertEquals("", unknown.json().get("output"));
        assertTrue(((String) unknown.json().get("error")).startsWith("Invalid Config Name"));

        Run badPort = cli("config-set", "port", "70000");
        assertEquals(1, badPort.exit());
        assertTrue(badPort.err().contains("an integer from 1 to 65535"), badPort.err());

        assertEquals(2, cli("config-set", "log-level", "INFO").exit(), "already the value");
        assertEquals(0, cli("config-set", "log-level", "debug").exit());
        Run got = cli("config-get", "--json");
        assertEquals(0, got.exit());
        assertEquals("DEBUG", ((Map<?, ?>) got.json().get("output")).get("log-level"));
        assertEquals(55555, ((Map<?, ?>) got.json().get("output")).get("port"));
        assertEquals(7, cli("config-get", "--name", "colour").exit());

        assertEquals(0, cli("config-reset", "log-level").exit());
        assertEquals(2, cli("config-reset", "log-level").exit(), "the default is in force");
        assertEquals(Map.of(), JSON.readValue(workdir.resolve("events/config.json").toFile(), Map.class));
    }

    @Test
    void statusReloadAndWebhookTestReportPerNodeAndExitThreeWhenNoNodeIsOk() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             DaemonProcess daemon = new DaemonProcess(workdir)) {
            daemon.writeWebhooks("{\"" + receiver.url() + "\": {\"secret\": \"s3cret\"}}").start();

            Run status = cli("status", "--json");
            assertEquals(0, status.exit(), status.out() + status.err());
            Map<?, ?> output = (Map<?, ?>) status.json().get("output");
            assertEquals(List.of(receiver.url()), output.get("webhooks"));
            Map<?, ?> node = (Map<?, ?>) ((List<?>) output.get("data")).get(0);
            assertEquals("UP", node.get("node_status"));
            assertEquals("OK", node.get("glustereventsd_status"));

            Run test = cli("webhook-test", receiver.url(), "-s", "s3cret");
            assertEquals(0, test.exit(), test.out());
            WebhookReceiver.Received probe = receiver.next(Duration.ofSeconds(5));
            assertEquals("", probe.body(), "webhook-test sends no body");
            assertTrue(probe.header("Authorization").startsWith("Bearer ey"), "a JWT: " + probe.header("Authorization"));
            Run unreachable = cli("webhook-test", "http://127.0.0.1:" + DaemonProcess.freeTcpPort() + "/listen", "--json");
            assertEquals(3, unreachable.exit());
            assertTrue(((String) ((Map<?, ?>) ((List<?>) unreachable.json().get("output")).get(0)).get("error"))
                    .startsWith("cannot connect to 127.0.0.1:"), unreachable.out());

            assertEquals(0, cli("reload").exit());
            daemon.awaitLog("Config loaded (signal)", Duration.ofSeconds(5));
        }
        Run stopped = cli("status", "--json");
        assertEquals(3, stopped.exit());
        Map<?, ?> node = (Map<?, ?>) ((List<?>) ((Map<?, ?>) stopped.json().get("output")).get("data")).get(0);
        assertTrue(((String) node.get("error")).contains("not running"), stopped.out());
        assertEquals(3, cli("reload").exit());
    }
}
