package org.example.glusterevents.jsonl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only file of lines, rotated by size: when the next line would take it past
 * {@code maxBytes}, {@code events.jsonl} becomes {@code events.jsonl.1}, {@code .1} becomes
 * {@code .2}, ... and {@code .keep} is the last one kept. Used by one thread.
 *
 * <p>Lines reach the disk (written and synced) before {@link #append} reports them written. A write
 * that fails part way is cut off again before the next one, so retrying the same lines leaves no
 * torn or doubled line. A file moved or deleted by someone else (logrotate) is noticed and a new one
 * started at the same path.
 */
final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private final AtomicLong rotations;

    private RandomAccessFile file;
    /** The file's identity (inode) while it is open, or the one of the last file a write failed in. */
    private Object fileKey;
    /** Bytes of whole lines in the file. */
    private long size;
    /** Whether the last write failed: the file may hold a part of a line past {@link #size}. */
    private boolean torn;

    RotatingFile(Path path, long maxBytes, int keep, AtomicLong rotations) {
        this.path = Objects.requireNonNull(path, "path");
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.rotations = rotations;
    }

    Path path() {
        return path;
    }

    /**
     * Writes the first lines of {@code lines} (each with its newline) that fit before the next
     * rotation, rotating first if even the first one does not fit; at least one line is written.
     *
     * @return how many lines were written and synced
     * @throws IOException when none was: the same lines may be passed again
     */
    int append(List<byte[]> lines) throws IOException {
        if (lines.isEmpty()) return 0;
        try {
            open();
            if (size > 0 && size + lines.get(0).length > maxBytes) rotate();
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            int count = 0;
            for (byte[] line : lines) {
                if (count > 0 && size + chunk.size() + line.length > maxBytes) break;
                chunk.write(line);
                count++;
            }
            file.seek(size);
            file.write(chunk.toByteArray());
            file.getFD().sync();
            size += chunk.size();
            return count;
        } catch (IOException | RuntimeException e) {
            torn = true;
            closeQuietly();
            throw e instanceof IOException io ? io : new IOException(e.toString(), e);
        }
    }

    /** Opens the file at {@link #path}, again if it was moved or deleted since, creating its folder. */
    private void open() throws IOException {
        if (file != null) {
            if (Objects.equals(currentKey(), fileKey)) return;
            closeQuietly();
            fileKey = null;
            torn = false;
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        RandomAccessFile opened = new RandomAccessFile(path.toFile(), "rw");
        try {
            Object key = currentKey();
            long length = opened.length();
            if (torn && key != null && key.equals(fileKey) && length > size) {
                opened.setLength(size); // the part of a line a failed write left
            } else {
                size = length;
            }
            file = opened;
            fileKey = key;
            torn = false;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private Object currentKey() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : path.toAbsolutePath();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** events.jsonl.(keep-1) -> .keep, ..., events.jsonl -> .1, and a new empty events.jsonl. */
    private void rotate() throws IOException {
        closeQuietly();
        if (keep == 0) {
            Files.deleteIfExists(path);
        } else {
            for (int i = keep + 1; Files.exists(rotated(i)); i++) Files.delete(rotated(i)); // left by a larger keep
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        rotations.incrementAndGet();
        fileKey = null;
        size = 0;
        torn = false;
        open();
    }

    Path rotated(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }

    private void closeQuietly() {
        RandomAccessFile open = file;
        file = null;
        if (open == null) return;
        try {
            open.close();
        } catch (IOException e) {
            // nothing was pending in it: every write is synced before it counts
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
