package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.ExportInterruptedException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The block buffers of every file a verifier adapter checks: at most {@code capacity} exist, so memory is bounded
 * for the process however many files download at once (a backfill of 32 days waits for buffers, it does not run
 * out of heap). A file waits for a buffer only while it holds none or just handed a full one to a parser thread,
 * and parser threads never wait, so every buffer comes back. Made on first use. Thread-safe.
 */
final class BlockPool {
    private final int blockSize;
    private final int capacity;
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int made;

    BlockPool(int blockSize, int capacity) {
        this.blockSize = blockSize;
        this.capacity = capacity;
    }

    int blockSize() {
        return blockSize;
    }

    /** Waits for a free buffer of {@link #blockSize()} bytes. */
    synchronized byte[] take() {
        try {
            while (true) {
                byte[] b = free.poll();
                if (b != null) {
                    return b;
                }
                if (made < capacity) {
                    made++;
                    return new byte[blockSize];
                }
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while verifying lines", e);
        }
    }

    /** Gives a buffer back; one that grew for a long line is replaced by one of the usual size. */
    synchronized void give(byte[] buffer) {
        free.push(buffer.length == blockSize ? buffer : new byte[blockSize]);
        notifyAll();
    }
}
