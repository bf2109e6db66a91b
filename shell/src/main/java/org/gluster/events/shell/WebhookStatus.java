package org.gluster.events.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One webhook's delivery as the daemon reports it in its health: what waits, since when, what was
 * given up, and the last error. The numbers are null when the daemon did not report the webhook
 * (not running, or the webhook was added a moment ago).
 *
 * @param deadLetters events made dead letters since the daemon started
 * @param lastErrorAt epoch seconds, 0 if no error
 */
record WebhookStatus(String url, Number pending, Number oldestPendingSeconds, Number deadLetters, String lastError,
                     long lastErrorAt) {

    static WebhookStatus of(String url, DaemonHealth health) {
        Map<?, ?> sink = health.sink("webhook:" + url);
        Object error = sink.get("last_error");
        Object errorAt = sink.get("last_error_at");
        return new WebhookStatus(url, (Number) sink.get("pending"), (Number) sink.get("oldest_pending_seconds"),
                (Number) sink.get("dead_letters"), error == null ? "" : error.toString(),
                errorAt instanceof Number n ? n.longValue() : 0);
    }

    static List<String> header() {
        return List.of("WEBHOOK", "PENDING", "OLDEST PENDING", "DEAD LETTERS", "LAST ERROR");
    }

    List<String> row(long nowSeconds) {
        String age = oldestPendingSeconds == null ? "-"
                : pending != null && pending.longValue() == 0 ? "" : Ages.describe(oldestPendingSeconds.doubleValue());
        String error = lastError.isEmpty() ? "" : lastError + (lastErrorAt > 0 ? " (" + Ages.describe(nowSeconds - lastErrorAt) + " ago)" : "");
        return List.of(url, text(pending), age, text(deadLetters), error);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("pending", pending);
        json.put("oldest_pending_seconds", oldestPendingSeconds);
        json.put("dead_letters", deadLetters);
        json.put("last_error", lastError);
        json.put("last_error_at", lastErrorAt);
        return json;
    }

    private static String text(Number number) {
        return number == null ? "-" : number.toString();
    }
}
