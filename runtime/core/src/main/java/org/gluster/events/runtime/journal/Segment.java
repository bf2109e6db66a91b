package org.gluster.events.runtime.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One file of the disk journal, {@code <first position>.seg}: records appended one after another.
 * Keeps a sparse index (every {@value #INDEX_EVERY}th record's position and offset) so a reader can
 * seek near a position without scanning the whole file.
 */
final class Segment {
    static final int INDEX_EVERY = 128;

    final Path path;
    /** The position in the file's name: of the first record appended to it. */
    final long first;
    /** Bytes of whole, valid records; readers never look past it. */
    volatile long size;
    /** Position of the first and last valid record in it, -1 while it has none. */
    volatile long firstValid = -1;
    volatile long last = -1;
    volatile long lastAppendMillis;
    long records;
    /** Open for appending: the active segment only. */
    FileChannel writer;

    /** Damaged byte ranges recovery found: offset of the damage to the offset of the next whole record. */
    private final java.util.TreeMap<Long, Long> damaged = new java.util.TreeMap<>();
    private long[] indexPositions = new long[16];
    private long[] indexOffsets = new long[16];
    private int indexed;

    Segment(Path path, long first) {
        this.path = path;
        this.first = first;
    }

    static String fileName(long first) {
        return String.format("%020d.seg", first);
    }

    /** Notes a valid record at {@code offset}; records come in increasing position order. */
    synchronized void recorded(long position, long offset) {
        if (firstValid < 0) firstValid = position;
        if (records % INDEX_EVERY == 0) {
            if (indexed == indexPositions.length) {
                indexPositions = Arrays.copyOf(indexPositions, indexed * 2);
                indexOffsets = Arrays.copyOf(indexOffsets, indexed * 2);
            }
            indexPositions[indexed] = position;
            indexOffsets[indexed] = offset;
            indexed++;
        }
        records++;
        last = position;
    }

    /** The offset of an indexed record at or before {@code position}: where a seek starts scanning. */
    synchronized long seekOffset(long position) {
        int low = 0;
        int high = indexed - 1;
        long offset = 0;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (indexPositions[middle] <= position) {
                offset = indexOffsets[middle];
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return offset;
    }

    synchronized void markDamaged(long offset, long resume) {
        damaged.put(offset, resume);
    }

    /** Where reading goes on when {@code offset} starts a damaged range, or {@code offset} itself. */
    synchronized long skipDamage(long offset) {
        Long resume = damaged.get(offset);
        return resume == null ? offset : resume;
    }

    void closeWriter() throws IOException {
        if (writer != null) {
            writer.force(false);
            writer.close();
            writer = null;
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
