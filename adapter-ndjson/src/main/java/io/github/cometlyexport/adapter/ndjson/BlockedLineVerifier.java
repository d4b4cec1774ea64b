package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One file's check: the inflated bytes are copied into blocks that end at a line break, and each full block is
 * checked ({@link BlockCheck}) on the adapter's parser threads while the caller goes on inflating. The adapter's
 * {@link BlockPool} bounds the blocks with the threads, so memory is bounded however big the file and however many
 * files are checked at once: one block being filled per file, plus the pool's. Line numbers in errors are the
 * file's: each block's line breaks are added up in order.
 */
final class BlockedLineVerifier implements VerifyExportLinesPort.LineVerifier {
    /** A line longer than this is refused rather than buffered without end. */
    static final int MAX_LINE = 64 * 1024 * 1024;

    private final BlockCheck check;
    private final Executor parsers;
    private final BlockPool pool;
    private final Object lock = new Object();
    private byte[] block;
    private int filled;
    private long nextSeq;
    private int inFlight;
    private boolean closed;
    // Under lock: completed blocks not yet contiguous, the contiguous prefix, the first bad line seen.
    private final TreeMap<Long, Long> breaksBySeq = new TreeMap<>();
    private long prefixSeq;
    private long linesBefore;
    private long objects;
    private long badSeq = Long.MAX_VALUE;
    private BlockCheck.BadLine badLine;
    private RuntimeException crash;

    BlockedLineVerifier(BlockCheck check, Executor parsers, BlockPool pool) {
        this.check = check;
        this.parsers = parsers;
        this.pool = pool;
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        failIfBad();
        int done = 0;
        while (done < length) {
            if (block == null) {
                block = pool.fresh();
            }
            int n = Math.min(length - done, block.length - filled);
            System.arraycopy(chunk, offset + done, block, filled, n);
            filled += n;
            done += n;
            if (filled == block.length) {
                dispatchWholeLines();
            }
        }
    }

    @Override
    public long finish() {
        failIfBad();
        if (filled > 0) {
            submit(block, filled);
            block = null;
            filled = 0;
        }
        synchronized (lock) {
            awaitIdle();
            throwIfBad();
            return objects;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            block = null;
            filled = 0;
        }
    }

    /** Sends the block up to its last line break; what follows starts the next block. */
    private void dispatchWholeLines() {
        int end = filled;
        while (end > 0 && block[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            // One line fills the block: grow it (rare; bounded).
            if (block.length >= MAX_LINE) {
                throw new ExportIntegrityException("line " + (linesSoFar() + 1) + " is not one JSON object (longer "
                        + "than " + (MAX_LINE >> 20) + " MiB)", null);
            }
            block = Arrays.copyOf(block, Math.min(MAX_LINE, block.length * 2));
            return;
        }
        // The tail (part of one line) starts the next block.
        byte[] tail = Arrays.copyOfRange(block, end, filled);
        submit(block, end);
        block = pool.fresh();
        if (block.length < tail.length) {
            // The tail of a grown block needs a grown buffer too.
            block = new byte[Math.min(MAX_LINE, Integer.highestOneBit(tail.length) * 2)];
        }
        System.arraycopy(tail, 0, block, 0, tail.length);
        filled = tail.length;
    }

    private void submit(byte[] bytes, int length) {
        pool.enter();
        long seq;
        synchronized (lock) {
            seq = nextSeq++;
            inFlight++;
        }
        try {
            parsers.execute(() -> run(seq, bytes, length));
        } catch (RejectedExecutionException e) {
            done(seq, null, null, new IllegalStateException("the line verifier's threads are gone", e), bytes);
        }
    }

    private void run(long seq, byte[] bytes, int length) {
        boolean skip;
        synchronized (lock) {
            skip = closed || seq > badSeq;
        }
        if (skip) {
            done(seq, null, null, null, bytes);
            return;
        }
        try {
            done(seq, check.check(bytes, length), null, null, bytes);
        } catch (BlockCheck.BadLine bad) {
            done(seq, null, bad, null, bytes);
        } catch (RuntimeException | Error e) {
            // Out of memory, say: the file is unverified, so it must not be published.
            done(seq, null, null, new IllegalStateException("the line verifier stopped: " + e, e), bytes);
        }
    }

    private void done(long seq, BlockCheck.Result result, BlockCheck.BadLine bad, RuntimeException failed,
                      byte[] bytes) {
        synchronized (lock) {
            inFlight--;
            if (failed != null && crash == null) {
                crash = failed;
            }
            if (bad != null && seq < badSeq) {
                badSeq = seq;
                badLine = bad;
            }
            if (result != null) {
                objects += result.objects();
                breaksBySeq.put(seq, result.lineBreaks());
                Long breaks;
                while ((breaks = breaksBySeq.remove(prefixSeq)) != null) {
                    linesBefore += breaks;
                    prefixSeq++;
                }
            }
            lock.notifyAll();
        }
        pool.leave(bytes);
    }

    private long linesSoFar() {
        synchronized (lock) {
            awaitIdle();
            return linesBefore;
        }
    }

    private void failIfBad() {
        synchronized (lock) {
            if (badLine != null || crash != null) {
                awaitIdle();
                throwIfBad();
            }
        }
    }

    /** Under lock: waits until no block is being checked, so that every block before a bad one is counted. */
    private void awaitIdle() {
        try {
            while (inFlight > 0) {
                lock.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while verifying lines", e);
        }
    }

    /** Under lock, when idle: the first bad line, numbered in the file. */
    private void throwIfBad() {
        if (crash != null) {
            throw crash;
        }
        if (badLine != null) {
            // Every block before the bad one was checked and counted: prefixSeq == badSeq here.
            throw new ExportIntegrityException("line " + (linesBefore + badLine.line()) + " is not one JSON object ("
                    + badLine.getMessage() + ")", null);
        }
    }
}
