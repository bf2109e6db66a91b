package org.gluster.events.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gluster.events.runtime.pipeline.Pipeline;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * {@code GET /metrics}: the pipeline's figures ({@link PipelineMetrics}) and the JVM's (memory,
 * garbage collection, threads, process CPU and memory) in the Prometheus text format, written by
 * the Prometheus Java client. No token: it shows what {@code /v1/health} shows.
 */
@Component(service = Handler.class, property = HttpServer.PATH_PROPERTY + "=/metrics")
public final class MetricsHandler extends Handler.Abstract.NonBlocking {
    /**
     * The JVM's metrics, registered once for the life of this bundle's class loader: the client keeps
     * every registry it registered them in, and adds a garbage-collection listener each time.
     */
    private static final PrometheusRegistry JVM = jvmMetrics();
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Reference
    private Pipeline pipeline;

    @Activate
    void activate() {
        registry.register(new PipelineMetrics(pipeline));
    }

    private static PrometheusRegistry jvmMetrics() {
        PrometheusRegistry jvm = new PrometheusRegistry();
        JvmMetrics.builder().register(jvm);
        return jvm;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            Responses.json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "use GET"));
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(exposition(registry, JVM)), callback);
        return true;
    }

    /** The text format of everything the registries hold. */
    static byte[] exposition(PrometheusRegistry... registries) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        for (PrometheusRegistry registry : registries) registry.scrape().forEach(metrics::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(metrics), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
