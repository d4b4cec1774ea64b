package io.github.cometlyexport.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time for several threads at once, without real waiting: a {@link SteppingClock} that moves only when every thread
 * of the test is asleep in {@link #sleep} or parked (waiting on a monitor or a lock for another of them), and then
 * only to the earliest wake-up among the sleepers. So a test of threads that pace each other (a rate budget, a
 * polling loop) runs through hours of their time in milliseconds, and what each thread observes of the clock is
 * exactly what it would observe in real time on an infinitely fast machine.
 *
 * <p>Use: start the threads with {@link #start}, pass {@link #clock()} and {@code virtualTime::sleep} to the code,
 * then {@link #run} until they end. Only threads started here count; no other thread may use {@link #sleep}.
 */
public final class VirtualTime {
    private final SteppingClock clock;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Thread, Instant> sleepers = new ConcurrentHashMap<>();
    private final Set<Thread> waking = ConcurrentHashMap.newKeySet();
    private final Object tick = new Object();

    /** @param start the first instant */
    public VirtualTime(Instant start) {
        this.clock = new SteppingClock(start);
    }

    /** @return the clock every thread of the test reads */
    public SteppingClock clock() {
        return clock;
    }

    /** @param name the thread's name @param body what it runs; started at once */
    public void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    /**
     * @return a factory of threads that count as this test's (as if {@link #start}ed): for code that makes threads
     *         of its own, such as a pipeline's poller and download pool; each thread is a daemon
     */
    public java.util.concurrent.ThreadFactory threadFactory() {
        return body -> {
            Thread t = new Thread(body, "virtual-" + threads.size());
            t.setDaemon(true);
            synchronized (threads) {
                threads.add(t);
            }
            return t;
        };
    }

    /**
     * Blocks the calling thread until the clock has reached now + {@code duration}.
     *
     * @throws InterruptedException if interrupted meanwhile
     */
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        Thread me = Thread.currentThread();
        Instant until = clock.instant().plus(duration);
        synchronized (tick) {
            sleepers.put(me, until);
            try {
                while (clock.instant().isBefore(until)) {
                    tick.wait();
                }
            } finally {
                sleepers.remove(me);
                waking.remove(me);
            }
        }
    }

    /**
     * Moves time for the started threads until all have ended.
     *
     * @param limit most virtual time to let pass; exceeding it fails
     * @throws InterruptedException if interrupted
     * @throws AssertionError if the threads are still running after {@code limit}
     */
    public void run(Duration limit) throws InterruptedException {
        Instant end = clock.instant().plus(limit);
        long stuckSince = System.nanoTime();
        while (true) {
            Collection<Thread> alive;
            synchronized (threads) {
                alive = threads.stream().filter(Thread::isAlive).toList();
            }
            if (alive.isEmpty()) {
                return;
            }
            if (!allParked(alive) || !allParked(alive)) {
                Thread.onSpinWait();
                continue;
            }
            synchronized (tick) {
                if (sleepers.isEmpty() && waking.isEmpty()) {
                    // Everyone waits for someone and no one sleeps: nothing will ever happen (checked in real time
                    // because a parked thread may be about to be notified by one that just woke).
                    if (System.nanoTime() - stuckSince > 30_000_000_000L) {
                        throw new AssertionError("deadlock: every thread waits and none sleeps: " + alive);
                    }
                    continue;
                }
                stuckSince = System.nanoTime();
                if (!waking.isEmpty() || !allParked(alive)) {
                    continue;
                }
                Instant next = sleepers.values().stream().min(Instant::compareTo).orElseThrow();
                if (next.isAfter(end)) {
                    throw new AssertionError("still running after " + limit + " of virtual time: " + alive);
                }
                Duration step = Duration.between(clock.instant(), next);
                if (!step.isNegative()) {
                    clock.advance(step);
                }
                Map<Thread, Instant> due = new HashMap<>(sleepers);
                due.values().removeIf(i -> i.isAfter(next));
                waking.addAll(due.keySet());
                tick.notifyAll();
            }
        }
    }

    /** Every thread sleeps here or waits for another (not running, not about to run). */
    private boolean allParked(Collection<Thread> alive) {
        for (Thread t : alive) {
            Thread.State s = t.getState();
            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING && s != Thread.State.TERMINATED) {
                return false;
            }
        }
        return true;
    }
}
