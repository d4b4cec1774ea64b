package io.github.cometlyexport.application;

import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driving.DayResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a run of days has to do and has done, shared by its stages under one lock: days to start and jobs to
 * replace (the create stage's work), jobs to poll (the await stage's), the days in flight and the results. Each
 * stage takes its next piece of work when it falls due ({@link #take}); a hand-over wakes the stage it is for.
 */
final class RunBoard {
    /** Longest single sleep of a stage: work that arrives meanwhile and is due sooner waits at most this long. */
    private static final Duration NAP = Duration.ofSeconds(1);

    /** Which stage a piece of work is for. */
    enum Queue {
        /** A day to claim and start (only while fewer than the cap are in flight). */
        START,
        /** A day in flight whose job must be created anew. */
        REPLACE,
        /** A job to poll. */
        POLL
    }

    /** Something due at an instant; ties go in the order they were scheduled. */
    record Due(Instant at, long order, Object work) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final int cap;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Due> starts = new PriorityQueue<>();
    private final PriorityQueue<Due> replacements = new PriorityQueue<>();
    private final PriorityQueue<Due> polls = new PriorityQueue<>();
    private final Map<LocalDate, DayResult> results = new TreeMap<>();
    private final Set<DayJob> active = new HashSet<>();
    private final int expected;
    private long sequence;
    private boolean stopped;

    /**
     * @param cap      most days in flight
     * @param expected how many days the run has
     */
    RunBoard(Clock clock, Sleeper sleeper, int cap, int expected) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.cap = cap;
        this.expected = expected;
    }

    void schedule(Queue queue, Instant at, Object work) {
        lock.lock();
        try {
            (queue == Queue.START ? starts : queue == Queue.REPLACE ? replacements : polls)
                    .add(new Due(at, sequence++, work));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until something of a stage is due, and takes it.
     *
     * @param create the create stage (starts while fewer than the cap are in flight, and replacements) or the await
     *               stage (polls)
     * @return the work, or {@code null} when the stage is over: every day has its result (create), or the run
     *         stopped (await)
     * @throws ExportInterruptedException if the thread is interrupted
     */
    Due take(boolean create) {
        while (true) {
            Duration nap;
            lock.lock();
            try {
                if (create ? results.size() >= expected : stopped) {
                    return null;
                }
                PriorityQueue<Due> from = create ? earliest(replacements, active.size() < cap ? starts : null)
                        : polls;
                Due head = from == null ? null : from.peek();
                if (head == null) {
                    changed.await();
                    continue;
                }
                Instant now = clock.instant();
                if (!head.at().isAfter(now)) {
                    return from.poll();
                }
                Duration until = Duration.between(now, head.at());
                nap = until.compareTo(NAP) < 0 ? until : NAP;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("interrupted while waiting for the next day's work", e);
            } finally {
                lock.unlock();
            }
            Pauses.pause(sleeper, nap, create ? "waiting to create the next job" : "waiting for the next poll");
        }
    }

    /** @return whichever queue's head is due first (either may be empty, the second may be {@code null}) */
    private static PriorityQueue<Due> earliest(PriorityQueue<Due> a, PriorityQueue<Due> b) {
        if (b == null || b.isEmpty()) {
            return a.isEmpty() ? null : a;
        }
        if (a.isEmpty()) {
            return b;
        }
        return a.peek().compareTo(b.peek()) <= 0 ? a : b;
    }

    /** A day is in flight: it counts against the cap until it has its result. */
    void started(DayJob day) {
        lock.lock();
        try {
            active.add(day);
        } finally {
            lock.unlock();
        }
    }

    /** @return jobs waiting for their next poll now */
    int waitingPolls() {
        lock.lock();
        try {
            return polls.size();
        } finally {
            lock.unlock();
        }
    }

    /** A day in flight gave up its place without a result (it is to be started again). */
    void released(DayJob day) {
        lock.lock();
        try {
            active.remove(day);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The day has its result (its first, should a step report twice); a day in flight frees its place. */
    void finished(DayJob day, DayResult result) {
        lock.lock();
        try {
            if (day != null) {
                active.remove(day);
            }
            results.putIfAbsent(result.day(), result);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the await stage.
     *
     * @return the days still in flight (none after a complete run)
     */
    List<DayJob> stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
            return new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
    }

    /** @return every result so far, in date order */
    List<DayResult> results() {
        lock.lock();
        try {
            return new ArrayList<>(results.values());
        } finally {
            lock.unlock();
        }
    }
}
