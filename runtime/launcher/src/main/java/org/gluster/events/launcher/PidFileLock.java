package org.gluster.events.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per workdir: an exclusive lock on the pid file, held while the daemon runs and released
 * by the kernel however it ends (so a {@code kill -9} leaves no stale lock, only a stale number).
 */
final class PidFileLock implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFileLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException naming the running daemon when another one holds the lock */
    static PidFileLock acquire(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM: as taken as when another process holds it
        }
        if (lock == null) {
            String pid = new String(Files.readAllBytes(path), StandardCharsets.US_ASCII).trim();
            channel.close();
            throw new IllegalStateException("another glustereventsd (pid " + (pid.isEmpty() ? "unknown" : pid)
                    + ") is already running with this workdir; its lock is " + path);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new PidFileLock(path, channel, lock);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
        lock.release();
        channel.close();
    }
}
