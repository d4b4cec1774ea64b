package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.ExportInterruptedException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What bounds the blocks of every file a verifier adapter checks: at most {@code capacity} blocks wait for or are
 * in a parser thread at once, so a file that fills blocks faster than the threads check them waits, and memory
 * stays bounded however many files download at once. Checked blocks are kept (up to {@code capacity}) for the next
 * block a file fills.
 *
 * <p>Only handing a full block over waits, and only for the parser threads, which never wait for anything: a file
 * never waits for a buffer while it holds one the others need. (The first version made files wait for the buffer
 * they fill; a download thread holding that and an S3 part buffer, while another held the reverse, deadlocked a
 * backfill into S3.) Thread-safe.
 */
final class BlockPool {
    private final int blockSize;
    private final int capacity;
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int inFlight;

    BlockPool(int blockSize, int capacity) {
        this.blockSize = blockSize;
        this.capacity = capacity;
    }

    /** @return a buffer of the usual size to fill: a checked one if any is kept, else a new one; never waits */
    synchronized byte[] fresh() {
        byte[] b = free.poll();
        return b != null ? b : new byte[blockSize];
    }

    /** Waits until fewer than {@code capacity} blocks are with the parser threads, then counts one more. */
    synchronized void enter() {
        try {
            while (inFlight >= capacity) {
                wait();
            }
            inFlight++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while verifying lines", e);
        }
    }

    /** A block is checked (or dropped): one fewer with the threads; its buffer is kept for reuse if there is room. */
    synchronized void leave(byte[] buffer) {
        inFlight--;
        if (buffer.length == blockSize && free.size() < capacity) {
            free.push(buffer);
        }
        notifyAll();
    }
}
