package org.gluster.events.source.udp;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Datagrams received and not yet decoded, bounded by their size: between the thread that drains
 * the socket and the one that decodes and journals. When it is full the receiver waits, and the
 * kernel's receive buffer holds what comes meanwhile.
 */
final class StagedDatagrams {
    /** The most a decoder takes at once. */
    static final int BATCH = 256;
    /** What a staged datagram costs beyond its bytes: the record, the array header, the queue slot. */
    private static final int OVERHEAD_BYTES = 64;

    record Datagram(byte[] bytes, InetAddress sender, long receivedSeconds) {
    }

    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private long stagedBytes;
    private boolean finished;
    /** The decoder is working on a batch it took. */
    private boolean decoding;

    StagedDatagrams(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Stages one datagram, waiting while the stage is full (one datagram always fits an empty stage). */
    void put(Datagram datagram) throws InterruptedException {
        long size = sizeOf(datagram);
        lock.lockInterruptibly();
        try {
            while (!queue.isEmpty() && stagedBytes + size > capacityBytes) notFull.await();
            queue.add(datagram);
            stagedBytes += size;
            // The decoder waits only on an empty stage.
            if (queue.size() == 1) notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@link #BATCH} datagrams, oldest first, into {@code batch}, waiting for one.
     *
     * @return false once {@link #finish()} was called and everything staged was taken
     */
    boolean takeBatch(List<Datagram> batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            decoding = false;
            while (queue.isEmpty() && !finished) notEmpty.await();
            if (queue.isEmpty()) return false;
            decoding = true;
            while (batch.size() < BATCH && !queue.isEmpty()) {
                Datagram datagram = queue.poll();
                stagedBytes -= sizeOf(datagram);
                batch.add(datagram);
            }
            notFull.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether nothing is staged and the decoder is done with what it took: the receiver (the only
     * one that stages) may then decode a datagram itself without overtaking any.
     */
    boolean drained() {
        lock.lock();
        try {
            return queue.isEmpty() && !decoding;
        } finally {
            lock.unlock();
        }
    }

    /** Nothing more will be staged: the decoder takes what is left, then stops. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static long sizeOf(Datagram datagram) {
        return datagram.bytes().length + OVERHEAD_BYTES;
    }
}
