package org.gluster.events.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /metrics}: what {@code /v1/health} shows, in the Prometheus text format — events
 * accepted and rejected, and per sink the pending events, the age of the oldest, what was
 * delivered, retried, dead-lettered and evicted unread; the journal's size and refusals.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/metrics")
public final class MetricsHandler extends Handler.Abstract.NonBlocking {
    /** Sink status keys that are counters, with their metric names and help. */
    private static final List<String[]> SINK_COUNTERS = List.of(
            new String[] {"delivered", "glustereventsd_sink_delivered_total", "Events the sink delivered since the daemon started."},
            new String[] {"retries", "glustereventsd_sink_retries_total", "Delivery attempts that failed and were retried."},
            new String[] {"dead_letters", "glustereventsd_sink_dead_letters_total", "Events given up and written to the dead-letter file."});

    @Reference
    private Pipeline pipeline;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.write(true, ByteBuffer.wrap(exposition(pipeline.status()).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String exposition(Map<String, Object> status) {
        StringBuilder out = new StringBuilder(2048);
        header(out, "glustereventsd_events_accepted_total", "counter", "Events the sources handed over and the journal accepted.");
        out.append("glustereventsd_events_accepted_total ").append(status.get("accepted")).append('\n');

        header(out, "glustereventsd_inputs_rejected_total", "counter", "Inputs that were not events, or that the journal refused, by source and reason.");
        ((Map<?, ?>) status.get("rejected")).forEach((key, count) -> {
            String[] sourceAndReason = String.valueOf(key).split("/", 2);
            out.append("glustereventsd_inputs_rejected_total{source=\"").append(label(sourceAndReason[0]))
                    .append("\",reason=\"").append(label(sourceAndReason[1])).append("\"} ").append(count).append('\n');
        });

        header(out, "glustereventsd_source_up", "gauge", "1 while the source receives, 0 while it cannot start.");
        for (Object source : (List<?>) status.get("sources")) {
            Map<?, ?> s = (Map<?, ?>) source;
            out.append("glustereventsd_source_up{source=\"").append(label(s.get("name"))).append("\"} ")
                    .append(Boolean.TRUE.equals(s.get("running")) ? 1 : 0).append('\n');
        }

        List<?> sinks = (List<?>) status.get("sinks");
        sinkMetric(out, sinks, "pending", "glustereventsd_sink_pending_events", "gauge", "Accepted events the sink has not acknowledged.");
        sinkMetric(out, sinks, "oldest_pending_seconds", "glustereventsd_sink_oldest_pending_seconds", "gauge",
                "Age of the oldest event the sink has not acknowledged; 0 when none is pending.");
        sinkMetric(out, sinks, "evicted_unread", "glustereventsd_sink_evicted_unread_total", "counter",
                "Events the journal evicted before the sink read them.");
        for (String[] counter : SINK_COUNTERS) sinkMetric(out, sinks, counter[0], counter[1], "counter", counter[2]);

        Map<?, ?> journal = (Map<?, ?>) status.get("journal");
        if (journal.get("bytes") != null) {
            header(out, "glustereventsd_journal_bytes", "gauge", "Size of the journal's segment files.");
            out.append("glustereventsd_journal_bytes ").append(journal.get("bytes")).append('\n');
            header(out, "glustereventsd_journal_refused_total", "counter", "Events the journal could not write (disk full).");
            out.append("glustereventsd_journal_refused_total ").append(journal.get("refused")).append('\n');
        }
        return out.toString();
    }

    private static void sinkMetric(StringBuilder out, List<?> sinks, String key, String name, String type, String help) {
        boolean any = sinks.stream().anyMatch(s -> ((Map<?, ?>) s).get(key) instanceof Number);
        if (!any) return;
        header(out, name, type, help);
        for (Object sink : sinks) {
            Object value = ((Map<?, ?>) sink).get(key);
            if (!(value instanceof Number)) continue;
            out.append(name).append("{sink=\"").append(label(((Map<?, ?>) sink).get("name"))).append("\"} ").append(value).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Prometheus label value escaping: backslash, double quote, newline. */
    private static String label(Object value) {
        return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
