package io.github.cometlyexport.adapter.storage.s3;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory and the threads of every S3 upload that shares it: at most {@link #parts()} part buffers of
 * {@link #partSize()} bytes exist at once, and as many threads send filled parts. An upload takes a buffer to fill,
 * hands it to a thread when full and takes the next; the thread gives the buffer back once S3 has the part. So
 * parts of one file go up concurrently while the next part fills, and {@code backfill --parallel 32} needs no more
 * memory than one download: the 32 wait their turn for a buffer instead of running out of heap.
 *
 * <p>Waiting never deadlocks: a writer waits only while holding no buffer or right after handing a full one to a
 * thread, and every handed-over buffer comes back when its part is sent or fails. Buffers are made on first use;
 * threads are daemons that end after a minute idle. Thread-safe.
 */
public final class S3PartBudget {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile S3PartBudget processWide;

    private final int partSize;
    private final int parts;
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int made;
    private final ThreadPoolExecutor senders;

    /**
     * @param partSize bytes per part, at least S3's minimum of 5 MiB
     * @param parts    buffers (and sending threads) at most, at least 1
     */
    public S3PartBudget(int partSize, int parts) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum), was " + partSize);
        }
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
        this.partSize = partSize;
        this.parts = parts;
        this.senders = new ThreadPoolExecutor(parts, parts, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cometly-s3-part-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        senders.allowCoreThreadTimeOut(true);
    }

    /**
     * The budget every {@link S3StorageAdapter} of this process uses unless given its own: parts of
     * {@link S3StorageAdapter#DEFAULT_PART_SIZE}, as many as fit in a quarter of the maximum heap (at least 2, at
     * most 8): 4 parts under a 128 MB heap, 2 under 64 MB.
     *
     * @return the process's budget, made on first use
     */
    public static S3PartBudget processWide() {
        S3PartBudget b = processWide;
        if (b == null) {
            synchronized (S3PartBudget.class) {
                b = processWide;
                if (b == null) {
                    long quarter = Runtime.getRuntime().maxMemory() / 4;
                    int n = (int) Math.max(2, Math.min(8, quarter / S3StorageAdapter.DEFAULT_PART_SIZE));
                    b = new S3PartBudget(S3StorageAdapter.DEFAULT_PART_SIZE, n);
                    processWide = b;
                }
            }
        }
        return b;
    }

    /** @return bytes per part */
    public int partSize() {
        return partSize;
    }

    /** @return buffers (and sending threads) at most */
    public int parts() {
        return parts;
    }

    /** Waits for a free buffer. */
    synchronized byte[] take() throws InterruptedException {
        while (true) {
            byte[] b = free.poll();
            if (b != null) {
                return b;
            }
            if (made < parts) {
                made++;
                return new byte[partSize];
            }
            wait();
        }
    }

    synchronized void give(byte[] buffer) {
        free.push(buffer);
        notifyAll();
    }

    /** @return how many buffers exist (never more than {@link #parts()}) */
    synchronized int buffersMade() {
        return made;
    }

    /** Runs a part's upload on a sending thread; it must {@link #give} its buffer back when done. */
    void send(Runnable part) {
        senders.execute(part);
    }

    @Override
    public String toString() {
        return "S3PartBudget[" + parts + " × " + (partSize >> 20) + " MiB]";
    }
}
