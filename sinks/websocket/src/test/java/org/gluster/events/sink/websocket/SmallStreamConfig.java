package org.gluster.events.sink.websocket;

import java.lang.annotation.Annotation;

/** The stream's configuration for tests: 100 events of history in 1 MiB, a client cut off 100 behind. */
final class SmallStreamConfig implements ClusterStream.Config {
    @Override
    public Class<? extends Annotation> annotationType() {
        return ClusterStream.Config.class;
    }

    @Override
    public int history_events() {
        return 100;
    }

    @Override
    public int history_mb() {
        return 1;
    }

    @Override
    public int max_lag_events() {
        return 100;
    }
}
