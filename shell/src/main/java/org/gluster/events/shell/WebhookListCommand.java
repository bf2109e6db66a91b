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
            String events = webhook.events().isEmpty() ? "all" : String.join(",", webhook.events());
            rows.add(List.of(webhook.url(), auth, events));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", webhook.url());
            entry.put("auth", auth);
            entry.put("events", webhook.events());
            json.add(entry);
        }
        output.result(rows.isEmpty() ? "No webhooks registered" : Output.table(List.of("WEBHOOK", "AUTH", "EVENTS"), rows), json);
    }
}
