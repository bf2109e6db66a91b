package org.gluster.events.source.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class StagedDatagramsTest {
    private static StagedDatagrams.Datagram datagram(int size, int tag) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) tag;
        return new StagedDatagrams.Datagram(bytes, InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void batchesComeInTheOrderStagedAndAtMostBatchLong() throws Exception {
        StagedDatagrams staged = new StagedDatagrams(1 << 20);
        for (int i = 0; i < 300; i++) staged.put(datagram(10, i));
        List<StagedDatagrams.Datagram> batch = new ArrayList<>();
        assertTrue(staged.takeBatch(batch));
        assertEquals(StagedDatagrams.BATCH, batch.size());
        for (int i = 0; i < batch.size(); i++) assertEquals((byte) i, batch.get(i).bytes()[0]);
        batch.clear();
        assertTrue(staged.takeBatch(batch));
        assertEquals(300 - StagedDatagrams.BATCH, batch.size());
    }

    @Test
    void aFullStageHoldsTheReceiverUntilTheDecoderTakes() throws Exception {
        StagedDatagrams staged = new StagedDatagrams(1000);
        staged.put(datagram(600, 1));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                staged.put(datagram(600, 2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            second.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("the second datagram went past a full stage");
        } catch (TimeoutException expected) {
            // held
        }
        List<StagedDatagrams.Datagram> batch = new ArrayList<>();
        staged.takeBatch(batch);
        second.get(5, TimeUnit.SECONDS);
        batch.clear();
        staged.takeBatch(batch);
        assertEquals((byte) 2, batch.get(0).bytes()[0]);
    }

    @Test
    void aDatagramLargerThanTheStageStillPassesAlone() throws Exception {
        StagedDatagrams staged = new StagedDatagrams(100);
        staged.put(datagram(5000, 7));
        List<StagedDatagrams.Datagram> batch = new ArrayList<>();
        assertTrue(staged.takeBatch(batch));
        assertEquals(5000, batch.get(0).bytes().length);
    }

    @Test
    void afterFinishTheRestIsTakenThenTakingEnds() throws Exception {
        StagedDatagrams staged = new StagedDatagrams(1 << 20);
        staged.put(datagram(10, 1));
        staged.finish();
        List<StagedDatagrams.Datagram> batch = new ArrayList<>();
        assertTrue(staged.takeBatch(batch));
        assertEquals(1, batch.size());
        batch.clear();
        assertFalse(staged.takeBatch(batch));
    }

    @Test
    void drainedOnlyWhenNothingIsStagedAndTheDecoderFinishedItsBatch() throws Exception {
        StagedDatagrams staged = new StagedDatagrams(1 << 20);
        assertTrue(staged.drained());
        staged.put(datagram(10, 1));
        assertFalse(staged.drained());
        List<StagedDatagrams.Datagram> batch = new ArrayList<>();
        staged.takeBatch(batch);
        assertFalse(staged.drained(), "the decoder is still on its batch");
        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> {
            try {
                return staged.takeBatch(new ArrayList<>());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!staged.drained() && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(staged.drained(), "the decoder waits for more");
        staged.finish();
        assertFalse(next.get(5, TimeUnit.SECONDS));
    }
}
