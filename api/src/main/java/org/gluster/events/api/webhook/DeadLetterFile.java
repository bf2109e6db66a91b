package org.gluster.events.api.webhook;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code <workdir>/events/dead-letters.jsonl}: one {@link DeadLetter} per line, shared by all the
 * webhooks of a node. The daemon appends; {@code gluster-eventsapi} reads and removes what it
 * replayed. Both take an exclusive lock on {@code dead-letters.jsonl.lock} beside it, so a removal
 * (read, then rewrite through a temporary file and a rename) never loses a line appended meanwhile,
 * and {@link #read()} never sees half a line. Each line is written with one {@code write} in append
 * mode, so a program that reads without the lock ({@code tail}, a script) sees whole lines too.
 * Within one JVM, use one instance per file: the lock is the process's.
 */
public final class DeadLetterFile {
    public static final String FILE_NAME = "dead-letters.jsonl";

    private final Path file;
    private final Path lockFile;

    public DeadLetterFile(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    /** The node's file under a glusterd working directory. */
    public static DeadLetterFile inWorkdir(Path workdir) {
        return new DeadLetterFile(workdir.resolve("events").resolve(FILE_NAME));
    }

    public Path path() {
        return file;
    }

    /**
     * Appends one line and forces it to disk before returning: the caller acknowledges the event
     * next, and a dead letter must not be lost where the event is no longer kept.
     */
    public synchronized void append(DeadLetter letter) throws IOException {
        byte[] line = (letter.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
        try (Held lock = lock()) {
            // Opened for each line: after a removal renamed a new file into place, appends go to it.
            try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                out.write(line);
                out.getFD().sync();
            }
        }
    }

    /** Every line in file order: each is a dead letter or, if unreadable, why. A missing file is empty. */
    public synchronized List<Line> read() throws IOException {
        try (Held lock = lock()) {
            return readLines();
        }
    }

    private List<Line> readLines() throws IOException {
        if (!Files.exists(file)) return List.of();
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (text.isBlank()) continue;
            try {
                lines.add(new Line(number, text, DeadLetter.parse(text), ""));
            } catch (IllegalArgumentException e) {
                lines.add(new Line(number, text, null, e.getMessage()));
            }
        }
        return lines;
    }

    /**
     * Removes the dead letters {@code remove} accepts, atomically (temporary file, fsync, rename);
     * unreadable lines are kept as they are.
     *
     * @return how many lines were removed
     */
    public synchronized int removeIf(Predicate<DeadLetter> remove) throws IOException {
        try (Held lock = lock()) {
            List<Line> lines = readLines();
            StringBuilder kept = new StringBuilder();
            int removed = 0;
            for (Line line : lines) {
                if (line.letter() != null && remove.test(line.letter())) removed++;
                else kept.append(line.text()).append('\n');
            }
            if (removed == 0) return 0;
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) out.write(bytes);
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return removed;
        }
    }

    /** Waits for the exclusive lock on the lock file; closing the result releases it. */
    private Held lock() throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return new Held(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The lock, held until its channel is closed. */
    private record Held(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * One line of the file.
     *
     * @param number  1-based line number
     * @param text    the line as written
     * @param letter  the dead letter, or null when the line is not one
     * @param problem why the line is not a dead letter, or ""
     */
    public record Line(int number, String text, DeadLetter letter, String problem) {
    }
}
