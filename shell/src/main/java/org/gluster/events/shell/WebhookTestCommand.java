package org.gluster.events.shell;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.api.Event;
import org.gluster.events.api.webhook.WebhookAuth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhook-test", description = {
        "Check that this node can reach a webhook: POST with no body, with the token or the JWT, expecting 2xx.",
        "Exit 3 if it cannot."})
final class WebhookTestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "URL", description = "http:// or https:// URL of the listener.")
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
        NodeTable result = new NodeTable("WEBHOOK").add("localhost", true, post());
        result.print(output);
        return result.exitCode();
    }

    /** "" when the webhook answered 2xx, else why not. */
    private String post() throws InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        WebhookAuth.authorization(token, secret, Event.of(now, "WEBHOOK_TEST", Map.of()), now)
                .ifPresent(value -> request.header("Authorization", value));
        try {
            int status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? "" : "HTTP " + status;
        } catch (java.net.ConnectException e) {
            return "cannot connect to " + URI.create(url).getAuthority();
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
