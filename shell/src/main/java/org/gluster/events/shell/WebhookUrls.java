package org.gluster.events.shell;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.gluster.events.launcher.Layout;

/** The registered webhook URLs, for completion in the interactive shell. */
final class WebhookUrls implements Iterable<String> {
    /** Set by the shell to the workdir it was started for. */
    static final String WORKDIR_PROPERTY = "gluster-eventsapi.workdir";

    @Override
    public Iterator<String> iterator() {
        try {
            Path home = Path.of(System.getProperty("glustereventsd.home", ".")).toAbsolutePath().normalize();
            Layout layout = Layout.decide(home, System.getProperty(WORKDIR_PROPERTY), System.getenv(),
                    "root".equals(System.getProperty("user.name")));
            return List.copyOf(new WebhooksFile(layout.workdir()).read().keySet()).iterator();
        } catch (CommandFailure | RuntimeException e) {
            return List.<String>of().iterator(); // nothing to offer is better than a broken prompt
        }
    }
}
