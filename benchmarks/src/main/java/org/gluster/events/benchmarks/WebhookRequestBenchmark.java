package org.gluster.events.benchmarks;

import org.gluster.events.api.Event;
import org.gluster.events.api.webhook.WebhookRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the webhook sink builds for each event before it POSTs it: {@link WebhookRequest#of} — the
 * JSON body and the headers — for a webhook with no credentials, with a bearer token, and with a
 * secret (a Standard Webhooks signature over the body and a JWT, each an HMAC-SHA256).
 */
@State(Scope.Benchmark)
public class WebhookRequestBenchmark extends HotPath {
    @Param({"none", "token", "secret"})
    public String auth;

    private final Event event = SampleEvents.received(SampleEvents.BRICK_DISCONNECTED);
    private String token;
    private String secret;

    @Setup
    public void setUp() {
        token = auth.equals("token") ? "7d1f0c9e4b2a48d6a3e5f1b8c0d2e4f6" : "";
        secret = auth.equals("secret") ? "cluster-webhook-secret-0f3a9c" : "";
    }

    @Benchmark
    public WebhookRequest request() {
        return WebhookRequest.of(event, token, secret, SampleEvents.TS + 1);
    }
}
