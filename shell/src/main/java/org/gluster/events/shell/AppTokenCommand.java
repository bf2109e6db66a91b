package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.AppToken;
import org.gluster.events.runtime.cluster.ClusterSecret;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = {
        "Print a short-lived token of a registered application.",
        "Only the token is printed, so that this works:",
        "",
        "  TOKEN=$(gluster-rest token myapp)",
        "  curl -H \"Authorization: Bearer $TOKEN\" http://<node>:24010/v1/peers",
        "",
        "Give it to a browser or a script instead of the application's secret: it is accepted wherever the "
                + "secret is (Authorization: Bearer TOKEN, or the query parameter access_token=TOKEN, which a browser needs for a WebSocket), "
                + "on every node, until it expires or the application is removed. It is signed with this node's "
                + "cluster secret: run it on a node, as the user glustereventsd runs as.",
        "Exit 11 if NAME is not registered, 1 if --ttl is out of range or there is no cluster secret."})
final class AppTokenCommand extends AppsCommand {
    @Parameters(paramLabel = "NAME", description = "The registered application (gluster-rest app-list).")
    String name;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "How long the token is valid: 1 to 86400 (a day); default ${DEFAULT-VALUE}.")
    long ttl = AppToken.DEFAULT_TTL_SECONDS;

    @Override
    int run(Layout layout, Output output) throws CommandFailure {
        if (ttl < 1 || ttl > AppToken.MAX_TTL_SECONDS) {
            throw new CommandFailure(ExitCode.ERROR, "--ttl must be from 1 to " + AppToken.MAX_TTL_SECONDS + " seconds, not " + ttl);
        }
        existing(read(layout), name);
        Path secretFile = eventsDir(layout).resolve(ClusterSecret.FILE_NAME);
        ClusterSecret secret;
        try {
            secret = ClusterSecret.load(secretFile);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.ERROR, "no cluster secret at " + secretFile
                    + " (glustereventsd creates it at its first start; see gluster-eventsapi cluster-secret)");
        }
        long now = System.currentTimeMillis() / 1000;
        String token = AppToken.mint(secret, name, ttl, now);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("app", name);
        json.put("token", token);
        json.put("expires", now + ttl);
        output.result(token, json);
        return ExitCode.OK;
    }
}
