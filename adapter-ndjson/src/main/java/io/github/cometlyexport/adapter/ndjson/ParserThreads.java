package io.github.cometlyexport.adapter.ndjson;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a verifier adapter checks blocks on: daemons, shared by its files, gone after a second idle. */
final class ParserThreads {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ParserThreads() {
    }

    /** @return one parser thread per available core but one (that core inflates), at least one */
    static int byDefault() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    static ThreadPoolExecutor pool(int threads) {
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
