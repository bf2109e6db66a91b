package org.gluster.events.shell;

import java.util.Arrays;
import java.util.Iterator;

import org.gluster.events.runtime.config.ConfigKey;

/** The configuration names, for completion and help. */
final class ConfigNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).iterator();
    }
}
