package org.gluster.events.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.gluster.events.launcher.Layout;

/**
 * The bundles of this node's daemon, for completion in the interactive shell: the last part of each
 * symbolic name ({@code webhook}) where only one bundle has it, else the whole name. The runtime's
 * base bundles are left out; nothing is offered when the daemon does not answer.
 */
final class BundleNameCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        try {
            Path home = Path.of(System.getProperty("glustereventsd.home", ".")).toAbsolutePath().normalize();
            Layout layout = Layout.decide(home, System.getProperty(WebhookUrls.WORKDIR_PROPERTY), System.getenv(),
                    "root".equals(System.getProperty("user.name")));
            ClusterNodes.Answer answer = new ClusterNodes(layout).send(null, "GET", "/v1/admin/bundles", null, null, Duration.ofSeconds(2));
            if (!answer.ok() || !(answer.body().get("bundles") instanceof List<?> rows)) return Collections.emptyIterator();
            List<String> all = new ArrayList<>();
            List<String> offered = new ArrayList<>();
            for (Object row : rows) {
                if (row instanceof Map<?, ?> bundle && bundle.get("name") instanceof String name && !name.isEmpty()) {
                    all.add(name);
                    if (!Boolean.TRUE.equals(bundle.get("system"))) offered.add(name);
                }
            }
            return shortest(offered, all).iterator();
        } catch (Exception e) {
            return Collections.emptyIterator(); // nothing to offer is better than a broken prompt
        }
    }

    /** Each of {@code names} as its last part when no other of {@code all} ends so, else whole. */
    static List<String> shortest(List<String> names, List<String> all) {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : all) counts.merge(lastPart(name).toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        List<String> shortest = new ArrayList<>();
        for (String name : names) {
            shortest.add(counts.getOrDefault(lastPart(name).toLowerCase(java.util.Locale.ROOT), 0) == 1 ? lastPart(name) : name);
        }
        Collections.sort(shortest);
        return shortest;
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
