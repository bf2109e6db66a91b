package org.gluster.events.shell;

/** Durations as people read them in a table: {@code 12 s}, {@code 5 min}, {@code 3 h 20 min}, {@code 2 d 4 h}. */
final class Ages {
    private Ages() {
    }

    static String describe(double seconds) {
        long s = (long) Math.max(0, seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min";
        if (s < 86_400) return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
