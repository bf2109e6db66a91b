package org.gluster.events.test.plugins;

import org.gluster.events.api.EventCursor;
import org.gluster.events.api.EventSink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * A sink whose {@link #open} never returns, not even when its thread is interrupted: the pipeline
 * must give up waiting for it, show it failed, and hold up nothing else.
 */
@Component(configurationPid = BlocksForeverSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class BlocksForeverSink implements EventSink {
    public static final String PID = "org.gluster.events.test.blocksforever";

    private final Object never = new Object();

    @Override
    public String name() {
        return "test:blocks-forever";
    }

    @Override
    @SuppressWarnings("InfiniteLoopStatement")
    public void open(EventCursor cursor) {
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // on purpose: an interrupt does not end it either
                }
            }
        }
    }

    @Override
    public void close() {
    }
}
