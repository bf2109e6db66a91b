package org.gluster.events.filter.dedupe;

import java.util.Locale;

/** Window lengths as people write them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static long millis(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) return 0;
        int unitAt = 0;
        while (unitAt < value.length() && (Character.isDigit(value.charAt(unitAt)) || value.charAt(unitAt) == '.')) unitAt++;
        if (unitAt == 0) throw new IllegalArgumentException("'" + text + "' is not a duration such as 10s, 500ms, 2m or 1h");
        double amount = Double.parseDouble(value.substring(0, unitAt));
        long factor = switch (value.substring(unitAt).trim()) {
            case "ms" -> 1;
            case "", "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration such as 10s, 500ms, 2m or 1h");
        };
        return Math.round(amount * factor);
    }
}
