package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Command;

@Command(name = "webhook-list", description = "List the registered webhooks and which authentication each uses (never the token or secret).")
final class WebhookListCommand extends WebhookCommand {
    @Override
    boolean changesWebhooks() {
        return false;
    }

    @Override
    void run(WebhooksFile file, Map<String, Webhook> webhooks, Output output) {
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Webhook webhook : webhooks.values()) {
            String auth = !webhook.secret().isEmpty() ? "jwt" : !webhook.token().isEmpty() ? "token" : "none";
            rows.add(List.of(webhook.url(), auth));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", webhook.url());
            entry.put("auth", auth);
            json.add(entry);
        }
        output.result(rows.isEmpty() ? "No webhooks registered" : Output.table(List.of("WEBHOOK", "AUTH"), rows), json);
    }
}
