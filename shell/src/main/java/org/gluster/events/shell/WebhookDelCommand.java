package org.gluster.events.shell;

import java.util.Map;

import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "webhook-del", description = {"Unregister a webhook.", "Exit 6 if URL is not registered."})
final class WebhookDelCommand extends WebhookCommand {
    @Parameters(paramLabel = "URL", completionCandidates = WebhookUrls.class, description = "The registered URL.")
    String url;

    @Override
    void run(WebhooksFile file, Map<String, Webhook> webhooks, Output output) throws Exception {
        if (webhooks.remove(url) == null) throw new CommandFailure(ExitCode.WEBHOOK_MISSING, "Webhook does not exists");
        file.write(webhooks);
    }
}
