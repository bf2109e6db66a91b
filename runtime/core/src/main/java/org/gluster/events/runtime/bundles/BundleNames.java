package org.gluster.events.runtime.bundles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Finds the bundle a user means by NAME: a bundle id ({@code 12}), an exact symbolic name
 * ({@code org.gluster.events.sink.webhook}), or a case-insensitive end of one after a dot that only
 * one bundle has ({@code webhook}, {@code sink.webhook}).
 */
public final class BundleNames {
    private BundleNames() {
    }

    /** What is needed of an installed bundle to find it by name. */
    public record Known(long id, String name, String version) {
        @Override
        public String toString() {
            return name + " " + version + " (id " + id + ")";
        }
    }

    /** @return the id of the bundle {@code asked} names; 404 when none, 400 when several */
    public static long resolve(String asked, Collection<Known> bundles) throws BundleFailure {
        String name = asked == null ? "" : asked.trim();
        if (name.isEmpty()) throw new BundleFailure(400, "a bundle name or id is needed");
        if (name.chars().allMatch(Character::isDigit) && name.length() < 19) {
            long id = Long.parseLong(name);
            for (Known bundle : bundles) if (bundle.id() == id) return id;
            throw new BundleFailure(404, "no bundle with id " + id + " (bundle list shows them)");
        }
        List<Known> exact = new ArrayList<>();
        for (Known bundle : bundles) if (name.equals(bundle.name())) exact.add(bundle);
        if (exact.size() == 1) return exact.get(0).id();
        if (exact.size() > 1) throw ambiguous(name, exact);
        String suffix = "." + name.toLowerCase(Locale.ROOT);
        List<Known> ends = new ArrayList<>();
        for (Known bundle : bundles) {
            String lower = bundle.name() == null ? "" : bundle.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith(suffix) || lower.equals(name.toLowerCase(Locale.ROOT))) ends.add(bundle);
        }
        if (ends.size() == 1) return ends.get(0).id();
        if (ends.size() > 1) throw ambiguous(name, ends);
        throw new BundleFailure(404, "no bundle named '" + name + "' (bundle list shows them; a name is a bundle id, "
                + "a symbolic name or its last part, such as webhook)");
    }

    private static BundleFailure ambiguous(String name, List<Known> candidates) {
        List<String> listed = candidates.stream().map(Known::toString).toList();
        return new BundleFailure(400, "'" + name + "' is ambiguous: it could be " + String.join(", ", listed)
                + "; give the symbolic name or the id");
    }
}
