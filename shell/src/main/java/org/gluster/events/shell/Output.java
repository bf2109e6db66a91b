package org.gluster.events.shell;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.api.codec.EventJson;

/**
 * How results and errors reach the caller: text for people, or with {@code --json} the envelope
 * scripts parse, {@code {"output": ..., "error": ""}} on stdout (PROTOCOL §4).
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Prints the text form, or the JSON envelope around {@code output}. */
    void result(String text, Object output) {
        if (json) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("output", output);
            envelope.put("error", "");
            out.println(EventJson.toJson(envelope));
        } else if (!text.isEmpty()) {
            out.println(text);
        }
        out.flush();
    }

    /** An error: on stderr, or with {@code --json} as {@code {"output": "", "error": msg}} on stdout. */
    void error(String message) {
        if (json) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("output", "");
            envelope.put("error", message);
            out.println(EventJson.toJson(envelope));
            out.flush();
        } else {
            err.println(message);
            err.flush();
        }
    }

    /** A table with a header row, columns separated by {@code |} as the existing tool prints. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = header.get(i).length();
        for (List<String> row : rows) for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row.get(i).length());
        StringBuilder text = new StringBuilder();
        String rule = rule(widths);
        text.append(rule).append(line(header, widths)).append(rule);
        for (List<String> row : rows) text.append(line(row, widths));
        text.append(rule);
        return text.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) line.append("-".repeat(width + 2)).append('+');
        return line.append('\n').toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
        }
        return line.append('\n').toString();
    }
}
