package org.gluster.events.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.gluster.events.api.webhook.DeadLetter;
import org.gluster.events.api.webhook.DeadLetterFile;
import org.gluster.events.api.webhook.WebhookRequest;
import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dead-letters-replay", description = {
        "Send the dead letters again; remove those the webhooks take.",
        "Each dead letter is POSTed to its webhook as glustereventsd sends it: the same body and webhook-id, "
                + "with the token or secret webhooks.json holds now. Those answered 2xx are removed from the file; "
                + "the rest are kept and listed with the reason. A webhook's dead letters go in order: after one "
                + "fails, its later ones are kept untried. Dead letters of a webhook no longer registered are kept.",
        "Exit 0 if every dead letter was replayed, 1 otherwise."})
final class DeadLettersReplayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--webhook", paramLabel = "URL", description = "Only the dead letters of this webhook.")
    String webhook;

    /** A dead letter left in the file, and why. */
    private record Kept(DeadLetter letter, String reason) {
    }

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        DeadLetterFile file = DeadLetterFile.inWorkdir(common.layout().workdir());
        Map<String, Webhook> webhooks;
        List<DeadLetter> letters = new ArrayList<>();
        try {
            webhooks = new WebhooksFile(common.layout().workdir()).read();
            for (DeadLetterFile.Line line : file.read()) {
                if (line.letter() != null && (webhook == null || webhook.equals(line.letter().webhook()))) letters.add(line.letter());
            }
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        } catch (IOException e) {
            output.error("cannot read " + file.path() + ": " + e.getMessage());
            return ExitCode.ERROR;
        }

        Set<String> replayed = new HashSet<>();
        List<Kept> kept = new ArrayList<>();
        Map<String, String> failedWebhooks = new HashMap<>();
        WebhookPoster poster = new WebhookPoster();
        for (DeadLetter letter : letters) {
            if (replayed.contains(key(letter))) continue; // the same event dead-lettered twice: replayed once
            Webhook target = webhooks.get(letter.webhook());
            if (target == null) {
                kept.add(new Kept(letter, "webhook no longer registered"));
            } else if (failedWebhooks.containsKey(letter.webhook())) {
                kept.add(new Kept(letter, "not tried: an earlier dead letter of this webhook failed"));
            } else {
                WebhookRequest request = WebhookRequest.of(letter.event(), target.token(), target.secret(),
                        System.currentTimeMillis() / 1000);
                String failure = poster.post(letter.webhook(), request);
                if (failure == null) {
                    replayed.add(key(letter));
                } else {
                    kept.add(new Kept(letter, failure));
                    failedWebhooks.put(letter.webhook(), failure);
                }
            }
        }

        int removed;
        try {
            removed = file.removeIf(letter -> replayed.contains(key(letter)));
        } catch (IOException e) {
            output.error(replayed.size() + " dead letter(s) were replayed but could not be removed from " + file.path()
                    + ": " + e.getMessage());
            return ExitCode.ERROR;
        }
        output.result(text(removed, kept), json(removed, kept));
        return kept.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
    }

    private static String key(DeadLetter letter) {
        return letter.webhook() + " " + letter.id();
    }

    private static String text(int removed, List<Kept> kept) {
        String summary = "Replayed " + removed + " dead letter(s), kept " + kept.size() + ".";
        if (kept.isEmpty()) return summary;
        List<List<String>> rows = kept.stream().map(k -> List.of(k.letter().id(), k.letter().webhook(), k.reason())).toList();
        return Output.table(List.of("ID", "WEBHOOK", "KEPT BECAUSE"), rows) + "\n" + summary;
    }

    private static Map<String, Object> json(int removed, List<Kept> kept) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("replayed", removed);
        json.put("kept", kept.size());
        json.put("kept_letters", kept.stream().map(k -> Map.of("id", k.letter().id(), "webhook", k.letter().webhook(),
                "reason", k.reason())).toList());
        return json;
    }
}
