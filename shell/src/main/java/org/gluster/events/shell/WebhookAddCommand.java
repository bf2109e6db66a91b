package org.gluster.events.shell;

import java.util.Map;

import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhook-add", description = {
        "Register a webhook: every event is POSTed to URL as JSON.",
        "Exit 5 if URL is already registered."})
final class WebhookAddCommand extends WebhookCommand {
    @Parameters(paramLabel = "URL", description = "http:// or https:// URL of the listener.")
    String url;

    @Option(names = {"-t", "--bearer_token", "--bearer-token"}, paramLabel = "TOKEN",
            description = "Sent as 'Authorization: Bearer TOKEN'.")
    String token = "";

    @Option(names = {"-s", "--secret"}, paramLabel = "SECRET",
            description = "Sign a JWT (HS256) with SECRET and send it as the bearer token; wins over --bearer_token. "
                    + "Also signs each request's body in the webhook-signature header (Standard Webhooks; "
                    + "a whsec_ SECRET is read as Standard Webhooks base64).")
    String secret = "";

    @Option(names = "--events", paramLabel = "PATTERN,...",
            description = "Send only these events: comma-separated globs in either name form, for example "
                    + "'Volume.*,Georep.State.*' or 'VOLUME_*,PEER_ATTACH'. Default: every event.")
    String events = "";

    @Override
    void run(WebhooksFile file, Map<String, Webhook> webhooks, Output output) throws Exception {
        validate(url);
        if (webhooks.containsKey(url)) throw new CommandFailure(ExitCode.WEBHOOK_EXISTS, "Webhook already exists");
        webhooks.put(url, new Webhook(url, token, secret, subscription(events)));
        file.write(webhooks);
    }
}
