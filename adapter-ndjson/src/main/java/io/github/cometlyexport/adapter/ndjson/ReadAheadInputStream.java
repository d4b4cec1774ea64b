package io.github.cometlyexport.adapter.ndjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads its source on a thread of its own, a few blocks ahead of the reader: for the typed readers, inflating the
 * file then overlaps with parsing and mapping its lines (about a quarter of the work, measured), on a second core.
 * Memory is {@code 2 × blocks} buffers of {@code blockSize}; they are recycled. Closing stops the thread and closes
 * the source. Not for use by more than one reading thread.
 *
 * <p>Whatever ends the thread reaches the reader, in order after the blocks read before it: an
 * {@link IOException}, a {@link RuntimeException} or an {@link Error} (out of memory, stack overflow) is thrown by
 * the reader's next {@code read} once those blocks are used, and by every {@code read} after it. Should the thread
 * die without a word (a failure while handing its failure over), a waiting reader notices within a second.
 */
final class ReadAheadInputStream extends InputStream {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long a waiting reader trusts the thread before it checks that the thread still lives. */
    private static final long CHECK_MILLIS = 1_000;

    private record Block(byte[] bytes, int length) {
    }

    private static final Block END = new Block(new byte[0], -1);
    private static final Block FAILED = new Block(new byte[0], -1);

    private final InputStream source;
    private final BlockingQueue<Block> filled;
    private final BlockingQueue<byte[]> empty;
    private final Thread reader;
    private Block current;
    private int position;
    private volatile boolean closed;
    /** What ended the thread, set before {@link #FAILED} is queued. */
    private volatile Throwable failure;

    ReadAheadInputStream(InputStream source, int blockSize, int blocks) {
        this.source = source;
        this.filled = new ArrayBlockingQueue<>(blocks + 1);
        this.empty = new ArrayBlockingQueue<>(blocks + 1);
        for (int i = 0; i < blocks + 1; i++) {
            empty.add(new byte[blockSize]);
        }
        this.reader = new Thread(this::readAhead, "cometly-read-ahead-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead() {
        try {
            while (!closed) {
                byte[] buffer = empty.take();
                int n = source.readNBytes(buffer, 0, buffer.length);
                if (n > 0) {
                    filled.put(new Block(buffer, n));
                }
                if (n < buffer.length) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Closed: the reader is gone.
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Anything, Errors included: a reader left waiting for a block that never comes would hang for ever.
            failure = t;
            try {
                filled.put(FAILED);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || position >= current.length) {
            if (current == END) {
                return -1;
            }
            if (current == FAILED) {
                throw rethrown(failure);
            }
            if (current != null) {
                empty.offer(current.bytes);
            }
            current = next();
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current.bytes, position, b, off, n);
        position += n;
        return n;
    }

    /** The next block; {@link #FAILED} if the thread died without handing one over. */
    private Block next() throws IOException {
        try {
            while (true) {
                Block block = filled.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (block != null) {
                    return block;
                }
                if (!reader.isAlive()) {
                    block = filled.poll();
                    if (block != null) {
                        return block;
                    }
                    if (failure == null) {
                        failure = new IOException("the read-ahead thread ended without finishing the file");
                    }
                    return FAILED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the export file");
        }
    }

    /** The thread's failure as the reader would have met it reading the source itself. */
    private static IOException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof IOException io ? io : new IOException(t);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.interrupt();
            source.close();
        }
    }
}
