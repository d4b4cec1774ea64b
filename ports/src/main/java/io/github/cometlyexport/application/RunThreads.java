package io.github.cometlyexport.application;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of a days run when the host gives none: daemons (a run never keeps a JVM alive), named for stacks. */
final class RunThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "cometly-days-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
