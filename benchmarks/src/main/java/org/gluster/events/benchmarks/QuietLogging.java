package org.gluster.events.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The benchmark JVM's logging configuration ({@code -Djava.util.logging.config.class}): warnings and
 * errors only, on standard error. What the components log at INFO (a filter configured, a journal
 * segment evicted by retention) would otherwise interleave with JMH's own report.
 */
public final class QuietLogging {
    public QuietLogging() throws IOException {
        String config = "handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n";
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
    }
}
