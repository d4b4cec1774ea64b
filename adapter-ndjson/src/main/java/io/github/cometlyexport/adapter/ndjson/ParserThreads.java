package io.github.cometlyexport.adapter.ndjson;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a verifier adapter checks blocks on (daemons, shared by its files, gone after a second idle), the
 * pool that bounds the blocks with them, and the check they run: what both verifier adapters are made of.
 */
final class ParserThreads {
    /** 256 KiB: a few hundred lines, big enough that handing a block over costs nothing next to checking it. */
    static final int BLOCK_SIZE = 256 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BlockCheck check;
    private final ThreadPoolExecutor parsers;
    private final BlockPool blocks;
    private final int threads;

    /** @param check how blocks are checked @param threads parser threads, at least 1 */
    ParserThreads(BlockCheck check, int threads) {
        this.check = check;
        this.parsers = pool(threads);
        this.blocks = blocks(threads);
        this.threads = threads;
    }

    /** @return a verifier for one file, on these threads and blocks */
    BlockedLineVerifier start() {
        return new BlockedLineVerifier(check, parsers, blocks);
    }

    int threads() {
        return threads;
    }

    /** @return one parser thread per available core but one (that core inflates), at least one */
    static int byDefault() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * @return buffers for every file of an adapter: two per parser thread and two more per file's worth, so one
     *         file keeps every thread busy while the next block fills (1.5 MiB with one parser thread)
     */
    private static BlockPool blocks(int threads) {
        return new BlockPool(BLOCK_SIZE, 2 * (threads + 2));
    }

    private static ThreadPoolExecutor pool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "cometly-line-verifier-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
