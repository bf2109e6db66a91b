package org.gluster.events.shell;

import java.util.Map;

import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhook-mod", description = {
        "Change the token, secret or subscribed events of a registered webhook; what is not given is kept.",
        "Exit 6 if URL is not registered."})
final class WebhookModCommand extends WebhookCommand {
    @Parameters(paramLabel = "URL", completionCandidates = WebhookUrls.class, description = "The registered URL.")
    String url;

    @Option(names = {"-t", "--bearer_token", "--bearer-token"}, paramLabel = "TOKEN", description = "New bearer token.")
    String token;

    @Option(names = {"-s", "--secret"}, paramLabel = "SECRET", description = "New secret (JWT and webhook-signature).")
    String secret;

    @Option(names = "--events", paramLabel = "PATTERN,...",
            description = "New subscription: comma-separated event globs (Volume.*,PEER_*); '' sends every event again.")
    String events;

    @Override
    void run(WebhooksFile file, Map<String, Webhook> webhooks, Output output) throws Exception {
        Webhook current = webhooks.get(url);
        if (current == null) throw new CommandFailure(ExitCode.WEBHOOK_MISSING, "Webhook does not exists");
        webhooks.put(url, new Webhook(url, token != null ? token : current.token(), secret != null ? secret : current.secret(),
                events != null ? subscription(events) : current.events()));
        file.write(webhooks);
    }
}
