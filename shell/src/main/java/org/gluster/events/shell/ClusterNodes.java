package org.gluster.events.shell;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.ClusterSecret;
import org.gluster.events.runtime.cluster.ClusterToken;
import org.gluster.events.runtime.cluster.Peers;
import org.gluster.events.runtime.config.ConfigFiles;

/**
 * The other nodes of the cluster (glusterd's peers files) and calls to their admin API, with a
 * token signed with this node's copy of the cluster secret. Peers listen on the same
 * {@code rest-port} as this node, as the events config is the same on every node.
 */
final class ClusterNodes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Layout layout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ClusterNodes(Layout layout) {
        this.layout = layout;
    }

    List<String> peerHosts() throws CommandFailure {
        try {
            List<String> hosts = new ArrayList<>();
            for (Peers.Peer peer : Peers.of(layout.workdir(), ConfigFiles.settings(layout.defaultsFile(), layout.workdir().resolve("events").resolve("config.json")).value())) hosts.add(peer.hostname());
            return hosts;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "cannot read " + layout.workdir().resolve("peers") + ": " + e.getMessage());
        }
    }

    /** The answer of {@code host}'s admin API (null: this node's) to {@code method path}, as JSON. */
    Map<?, ?> call(String host, String method, String path) throws IOException, InterruptedException, CommandFailure {
        return call(host, method, path, null);
    }

    /** The same with a JSON body. */
    Map<?, ?> call(String host, String method, String path, Object body) throws IOException, InterruptedException, CommandFailure {
        HttpRequest.Builder request = request(host, path, Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(org.gluster.events.api.codec.EventJson.toJson(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) throw new IOException("refused our token: is its cluster secret the same as this node's?");
        if (response.statusCode() != 200) throw new IOException("answered HTTP " + response.statusCode());
        return JSON.readValue(response.body(), Map.class);
    }

    /** A request to {@code host}'s admin API (null: this node's) with a fresh cluster token. */
    private HttpRequest.Builder request(String host, String path, Duration timeout) throws CommandFailure {
        Path secretFile = layout.workdir().resolve("events").resolve(ClusterSecret.FILE_NAME);
        ClusterSecret secret;
        try {
            secret = ClusterSecret.load(secretFile);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "no cluster secret at " + secretFile + " (see gluster-eventsapi cluster-secret)");
        }
        String token = ClusterToken.mint(secret, "cli", System.currentTimeMillis() / 1000);
        return HttpRequest.newBuilder(DaemonHealth.restUri(layout, host, path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    /**
     * An admin API answer whatever its status: the status and the JSON body (empty when the body is
     * not JSON).
     */
    record Answer(int status, Map<?, ?> body) {
        boolean ok() {
            return status == 200;
        }

        /** The {@code error} the node gave, or its HTTP status. */
        String error() {
            Object error = body.get("error");
            return error == null || error.toString().isEmpty() ? "answered HTTP " + status : error.toString();
        }
    }

    /**
     * Sends {@code body} (null: none) as {@code contentType} to {@code host}'s admin API and returns
     * the answer, also when it is an error; a node that refuses the token or cannot be reached is an
     * IOException, as for {@link #call}. For calls that take longer than a status query (a bundle
     * install waits for the daemon to load it): {@code timeout} is the whole call's.
     */
    Answer send(String host, String method, String path, byte[] body, String contentType, Duration timeout)
            throws IOException, InterruptedException, CommandFailure {
        HttpRequest.Builder request = request(host, path, timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) request.header("Content-Type", contentType);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) throw new IOException("refused our token: is its cluster secret the same as this node's?");
        Map<?, ?> answer;
        try {
            answer = JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            answer = Map.of();
        }
        return new Answer(response.statusCode(), answer == null ? Map.of() : answer);
    }

    /** One admin call to one peer: "" when it did it, else why not. */
    interface PeerCall {
        String on(String host) throws IOException, InterruptedException, CommandFailure;
    }

    /** Runs {@code call} on every peer and adds a row for each; a peer that does not answer is DOWN. */
    void onEachPeer(NodeTable table, PeerCall call) throws InterruptedException, CommandFailure {
        for (String host : peerHosts()) {
            try {
                table.add(host, true, call.on(host));
            } catch (IOException e) {
                table.add(host, false, notRunning(host, e));
            }
        }
    }

    /** What to tell about a peer whose daemon did not answer. */
    static String notRunning(String host, IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "glustereventsd is not running on " + host + " (start it there: glustereventsd, or systemctl start glustereventsd)";
        }
        return host + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
