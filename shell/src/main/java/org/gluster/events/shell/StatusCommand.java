package org.gluster.events.shell;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.config.ConfigFiles;
import org.gluster.events.runtime.config.ConfigKey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {
        "Show the registered webhooks and whether glustereventsd runs and receives.",
        "Exit 3 if no node is OK."})
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        Layout layout = common.layout();
        NodeStatus local = probe(layout);
        List<String> webhooks;
        try {
            webhooks = List.copyOf(new WebhooksFile(layout.workdir()).read().keySet());
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }

        StringBuilder text = new StringBuilder("Webhooks: \n");
        webhooks.forEach(url -> text.append(url).append('\n'));
        text.append('\n').append(Output.table(List.of("NODE", "NODE STATUS", "GLUSTEREVENTSD STATUS"),
                List.of(List.of("localhost", "UP", local.ok() ? "OK" : "NOT OK: " + local.error()))));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", "localhost");
        row.put("node_status", "UP");
        row.put("glustereventsd_status", local.ok() ? "OK" : "NOT OK: " + local.error());
        row.put("error", local.error());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhooks", webhooks);
        json.put("data", List.of(row));
        output.result(text.toString(), json);
        return local.ok() ? ExitCode.OK : ExitCode.NO_NODE_OK;
    }

    private record NodeStatus(boolean ok, String error) {
    }

    /** Asks this node's daemon for its health on its REST port. */
    private static NodeStatus probe(Layout layout) throws InterruptedException {
        Path config = layout.workdir().resolve("events").resolve("config.json");
        Map<String, Object> settings = ConfigFiles.settings(layout.defaultsFile(), config).value();
        String bind = (String) settings.get(ConfigKey.BIND_ADDRESS.key());
        String host = bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        URI health = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + settings.get(ConfigKey.REST_PORT.key()) + "/v1/health");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return new NodeStatus(false, "health check answered HTTP " + response.statusCode());
            Map<?, ?> body = JSON.readValue(response.body(), Map.class);
            List<String> stopped = new ArrayList<>();
            for (Object source : (List<?>) body.get("sources")) {
                Map<?, ?> s = (Map<?, ?>) source;
                if (!Boolean.TRUE.equals(s.get("running"))) stopped.add(s.get("name") + (s.get("error") == null ? "" : " (" + s.get("error") + ")"));
            }
            return stopped.isEmpty() ? new NodeStatus(true, "")
                    : new NodeStatus(false, "source not receiving: " + String.join(", ", stopped));
        } catch (IOException e) {
            return new NodeStatus(false, "glustereventsd is not running (start it with glustereventsd --workdir "
                    + layout.workdir() + ")");
        }
    }
}
