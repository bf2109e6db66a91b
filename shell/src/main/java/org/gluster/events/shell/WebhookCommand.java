package org.gluster.events.shell;

import java.util.Map;
import java.util.concurrent.Callable;

import org.gluster.events.runtime.config.Webhook;

import picocli.CommandLine.Mixin;

/** What the webhook sub-commands share: the options, and turning failures into exit codes. */
abstract class WebhookCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        Output output = common.output();
        try {
            WebhooksFile file = new WebhooksFile(common.layout().workdir());
            run(file, file.read(), output);
            if (!changesWebhooks()) return ExitCode.OK;
            return ClusterPush.publishAndReport(common.layout(), output, ExitCode.WEBHOOKS_SYNC_FAILED);
        } catch (CommandFailure failure) {
            output.error(failure.getMessage());
            return failure.exitCode;
        }
    }

    /** Whether the command changes webhooks.json, which then goes to every node. */
    boolean changesWebhooks() {
        return true;
    }

    abstract void run(WebhooksFile file, Map<String, Webhook> webhooks, Output output) throws Exception;

    /** The patterns of an {@code --events} option: "" means none, that is every event. */
    static java.util.List<String> subscription(String events) throws CommandFailure {
        try {
            return org.gluster.events.api.EventPatterns.parse(events).patterns();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.ERROR, e.getMessage());
        }
    }

    static void validate(String url) throws CommandFailure {
        try {
            Webhook.validateUrl(url);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.ERROR, e.getMessage());
        }
    }
}
