package org.gluster.events.sink.webhook;

import java.io.IOException;
import java.nio.file.Path;

import org.gluster.events.api.webhook.DeadLetter;
import org.gluster.events.api.webhook.DeadLetterFile;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The node's dead-letter file, {@code <workdir>/events/dead-letters.jsonl}, one for all webhooks: a
 * single instance, so that the webhooks' threads append one whole line at a time.
 */
@Component(service = DeadLetters.class)
public final class DeadLetters {
    /** The framework property the launcher sets to the glusterd working directory. */
    static final String WORKDIR_PROPERTY = "glustereventsd.workdir";

    private final DeadLetterFile file;

    @Activate
    public DeadLetters(BundleContext context) {
        this(workdir(context));
    }

    DeadLetters(Path workdir) {
        this.file = DeadLetterFile.inWorkdir(workdir);
    }

    private static Path workdir(BundleContext context) {
        String workdir = context.getProperty(WORKDIR_PROPERTY);
        if (workdir == null) throw new IllegalStateException("framework property " + WORKDIR_PROPERTY + " is not set");
        return Path.of(workdir);
    }

    /** Appends the dead letter and forces it to disk; the event may be acknowledged once this returns. */
    void add(DeadLetter letter) throws IOException {
        file.append(letter);
    }

    Path path() {
        return file.path();
    }
}
