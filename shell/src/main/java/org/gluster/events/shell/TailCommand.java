package org.gluster.events.shell;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tail", description = {"Print this node's events as they are published, one line each, until Ctrl-C.",
        "Reads the events log, in either log-format (so it needs disable-events-log to be false)."})
final class TailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        Path log = common.layout().logFile();
        if (!Files.exists(log)) {
            output.error("no events log at " + log + " (is glustereventsd running on this workdir?)");
            return ExitCode.ERROR;
        }
        var out = common.spec.commandLine().getOut();
        out.println(String.format(EventsDash.LINE_FORMAT, "TIMESTAMP", "EVENT", "NODE ID", "MESSAGE"));
        out.flush();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = file.length();
            while (!Thread.currentThread().isInterrupted()) {
                if (file.length() < position) position = 0; // rotated by copytruncate
                if (file.length() > position) {
                    file.seek(position);
                    String chunk = readTo(file, file.length());
                    int lastNewline = chunk.lastIndexOf('\n');
                    if (lastNewline >= 0) {
                        for (String line : chunk.substring(0, lastNewline).split("\n")) print(out, line);
                        position += chunk.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
                        out.flush();
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    break; // Ctrl-C
                }
            }
        }
        return ExitCode.OK;
    }

    private static String readTo(RandomAccessFile file, long end) throws IOException {
        byte[] bytes = new byte[(int) Math.min(end - file.getFilePointer(), 1 << 20)];
        file.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void print(java.io.PrintWriter out, String line) {
        try {
            Map<?, ?> event = event(line);
            if (event != null) out.println(EventsDash.line(event));
        } catch (IOException e) {
            // a line cut by rotation: skip it
        }
    }

    /**
     * The event of a line of the log: {@code … [events] EVENT <id> <json>} in the text format, the
     * {@code event} object of a line with an {@code event_id} in the JSON format; null for any other line.
     */
    static Map<?, ?> event(String line) throws IOException {
        if (line.startsWith("{")) {
            if (!line.contains("\"event_id\"")) return null;
            return JSON.readValue(line, Map.class).get("event") instanceof Map<?, ?> event ? event : null;
        }
        int at = line.indexOf("] EVENT ");
        if (at < 0) return null;
        int json = line.indexOf('{', at);
        if (json < 0) return null;
        return JSON.readValue(line.substring(json), Map.class);
    }
}
