package org.gluster.events.shell;

import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.runtime.cluster.WebhookProbe;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhook-test", description = {
        "Check that every node can reach a webhook: each POSTs with no body, with the token or the JWT, expecting 2xx.",
        "Exit 3 if no node can, 4 if some cannot."})
final class WebhookTestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "URL", completionCandidates = WebhookUrls.class, description = "http:// or https:// URL of the listener.")
    String url;

    @Option(names = {"-t", "--bearer_token", "--bearer-token"}, paramLabel = "TOKEN", description = "Bearer token to send.")
    String token = "";

    @Option(names = {"-s", "--secret"}, paramLabel = "SECRET", description = "JWT secret; wins over --bearer_token.")
    String secret = "";

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        try {
            WebhookCommand.validate(url);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        NodeTable result = new NodeTable("WEBHOOK").add("localhost", true, WebhookProbe.probe(url, token, secret));
        ClusterNodes cluster = new ClusterNodes(common.layout());
        try {
            cluster.onEachPeer(result, host -> String.valueOf(cluster.call(host, "POST", "/v1/admin/webhook-test",
                    Map.of("url", url, "token", token, "secret", secret)).get("error")));
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
        result.print(output);
        return result.exitCode();
    }
}
