package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of days, in three stages with their own bounds. <em>Create</em> (the caller's thread): days are claimed
 * and their jobs created as fast as the create budget lets {@link DayStages#startJob} through, while fewer than
 * {@link PipelinePolicy#jobsInFlight()} days are in flight; replacements re-enter here; a day another process holds
 * is asked for again later. <em>Await</em> (one poller thread): every job in flight is polled when due, in the order
 * the polls fell due, under the status budget. <em>Download</em> (a pool of {@link PipelinePolicy#downloads()}
 * threads): completed jobs are downloaded, verified and stored. So no thread waits on one job's poll schedule, and
 * threads and memory are bounded by the pool, not by the range or the jobs in flight.
 *
 * <p>Waits go through the {@link Sleeper} (a second at most, so that new work due sooner is not missed) or wait for
 * another stage's hand-over; stages hand days over through a {@link RunBoard}. The listener is called from every
 * stage; what it throws is dropped ({@link GuardedListener}). Every day gets exactly one result, and the run returns
 * only after the listener heard the last one.
 */
final class DayPipeline {
    /** Longest wait for the stages' threads to end when the run stops. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(30);

    private final DayClaims claims;
    private final DayStages stages;
    private final PipelinePolicy limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ThreadFactory threads;
    private final ExportProgressListener listener;
    private final boolean partial;
    private final Duration heldWait;
    private final BooleanSupplier stopCreating;

    private final ExecutorService downloads;
    private RunBoard board;

    DayPipeline(DayClaims claims, DayStages stages, PipelinePolicy limits, Clock clock, Sleeper sleeper,
                ThreadFactory threads, ExportProgressListener listener, boolean partial, Duration heldWait,
                BooleanSupplier stopCreating) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.stages = Objects.requireNonNull(stages, "stages");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"));
        this.partial = partial;
        this.heldWait = Objects.requireNonNull(heldWait, "heldWait");
        this.stopCreating = Objects.requireNonNull(stopCreating, "stopCreating");
        // Threads are made as downloads arrive, at most limits.downloads() of them.
        this.downloads = new ThreadPoolExecutor(limits.downloads(), limits.downloads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads);
    }

    /**
     * A day to start: its request, whether to refresh it, since when another process has held it, and what the day
     * held when this run first asked for it ({@code null} before the first ask).
     */
    private record Start(ExportRequest request, boolean refresh, Instant heldSince, Optional<DayRecord> before) {
    }

    /**
     * @param days    the days to work, in date order, each with whether to refresh it
     * @param refresh which of them to export again even when stored
     * @return one result per day, in date order
     */
    List<DayResult> run(List<ExportRequest> days, Set<LocalDate> refresh) {
        Instant now = clock.instant();
        board = new RunBoard(clock, sleeper, limits.jobsInFlight(), days.size());
        for (ExportRequest day : days) {
            board.schedule(RunBoard.Queue.START, now, new Start(day, refresh.contains(day.date()), null, null));
        }
        Thread poller = threads.newThread(this::pollLoop);
        poller.start();
        boolean finished = false;
        try {
            createLoop();
            finished = true;
        } finally {
            stop(poller, finished);
        }
        return board.results();
    }

    /** The create stage, on the caller's thread, until every day has its result. */
    private void createLoop() {
        RunBoard.Due next;
        while ((next = board.take(true)) != null) {
            if (next.work() instanceof Start start) {
                begin(start);
            } else {
                startJob((DayJob) next.work());
            }
        }
    }

    private void begin(Start start) {
        if (stopCreating.getAsBoolean()) {
            finish(null, stopped(start.request().date(), 0));
            return;
        }
        DayClaims.Start found;
        Instant now = clock.instant();
        try {
            found = claims.begin(start.request(), partial, start.refresh(), now, start.before());
        } catch (ExportInterruptedException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            finish(null, new DayResult.Failed(start.request().date(), e, 0));
            return;
        }
        if (found instanceof DayClaims.Start.Done done) {
            finish(null, done.result());
        } else if (found instanceof DayClaims.Start.Held held) {
            Instant since = start.heldSince() == null ? now : start.heldSince();
            if (Duration.between(since, now).compareTo(heldWait) >= 0) {
                finish(null, new DayResult.HeldElsewhere(start.request().date(), held.record()));
                return;
            }
            if (start.heldSince() == null) {
                listener.dayHeld(held.record());
            }
            board.schedule(RunBoard.Queue.START, now.plus(limits.heldRetry()),
                    new Start(start.request(), start.refresh(), since, held.before()));
        } else {
            DayClaims.Start.Claimed claimed = (DayClaims.Start.Claimed) found;
            DayJob day = new DayJob(start.request(), claimed.lease(), claimed.record(), claimed.closed(),
                    start.refresh());
            board.started(day);
            startJob(day);
        }
    }

    /** @return the result of a day the run was told to leave alone: nothing asked of Cometly, the day untouched */
    private static DayResult stopped(LocalDate day, int attempts) {
        return new DayResult.Failed(day, new ExportInterruptedException("the run was stopped before this day's job "
                + "was created or resumed", null), attempts);
    }

    private void startJob(DayJob day) {
        if (stopCreating.getAsBoolean()) {
            // A replacement or a claimed day not yet started: its lease is given up; a recorded job stays recorded.
            finish(day, stopped(day.day(), day.attempts));
            return;
        }
        try {
            stages.startJob(day, listener);
        } catch (ExportInterruptedException e) {
            // The run is being stopped: no result for the day; its lease is given up with the others in flight.
            throw e;
        } catch (RuntimeException | Error e) {
            fail(day, e);
            return;
        }
        board.schedule(RunBoard.Queue.POLL, clock.instant(), day);
    }

    /** The await stage, on its own thread, until the run stops. */
    private void pollLoop() {
        RunBoard.Due next;
        try {
            while ((next = board.take(false)) != null) {
                DayJob day = (DayJob) next.work();
                try {
                    // Its fair share of the status budget: among the jobs waiting for a poll, this one included.
                    route(day, stages.poll(day, board.waitingPolls() + 1, listener));
                } catch (RuntimeException | Error e) {
                    fail(day, e);
                }
            }
        } catch (ExportInterruptedException e) {
            // The run was stopped.
        }
    }

    /** Sends a day on to the stage its last step asked for. */
    private void route(DayJob day, DayStages.Next next) {
        Instant now = clock.instant();
        if (next instanceof DayStages.Next.Poll poll) {
            board.schedule(RunBoard.Queue.POLL, now.plus(poll.after()), day);
        } else if (next instanceof DayStages.Next.Replace replace) {
            board.schedule(RunBoard.Queue.REPLACE, now.plus(replace.after()), day);
        } else if (next instanceof DayStages.Next.Done done) {
            finish(day, done.result());
        } else {
            ExportJob.Completed job = ((DayStages.Next.Download) next).job();
            try {
                downloads.execute(() -> {
                    try {
                        route(day, stages.download(day, job, listener));
                    } catch (RuntimeException | Error e) {
                        fail(day, e);
                    }
                });
            } catch (RejectedExecutionException e) {
                fail(day, e);
            }
        }
    }

    /**
     * A day's step threw: the day has failed; or its lease was lost (this process stalled past it and another took
     * the day over, with its job): nothing was published, and the day is asked for again like one found held, so
     * that the new holder's result is found (stored, and skipped) within the run's wait for held days.
     */
    private void fail(DayJob day, Throwable e) {
        if (e instanceof ExportLedgerException ledger && ledger.leaseLost()) {
            Instant now = clock.instant();
            DayRecord record;
            try {
                record = claims.held(claims.key(day.request), now);
            } catch (RuntimeException | Error again) {
                finish(day, new DayResult.Failed(day.day(), e, day.attempts));
                return;
            }
            closeLease(day);
            board.released(day);
            listener.dayHeld(record);
            board.schedule(RunBoard.Queue.START, now, new Start(day.request, day.refresh, now, Optional.empty()));
            return;
        }
        finish(day, new DayResult.Failed(day.day(), e, day.attempts));
    }

    /**
     * The day has its result: its lease is given up, the listener hears it, then its place in flight is freed (so
     * the run, which ends with its last result, ends after the listener heard it).
     */
    private void finish(DayJob day, DayResult result) {
        if (day != null) {
            closeLease(day);
        }
        listener.dayFinished(result);
        board.finished(day, result);
    }

    private static void closeLease(DayJob day) {
        try {
            day.lease.close();
        } catch (RuntimeException e) {
            // A lease must not throw on close; one that does simply expires.
        }
    }

    /**
     * Ends the run's threads. After a complete run they have nothing left; after an interrupted one, work in flight
     * is abandoned: the ledger keeps every recorded job for the next run, and the leases are given up.
     */
    private void stop(Thread poller, boolean finished) {
        List<DayJob> abandoned = board.stop();
        if (finished) {
            downloads.shutdown();
        } else {
            poller.interrupt();
            downloads.shutdownNow();
        }
        // Waits for the stages' threads (idle after a complete run; interrupted after an aborted one) before giving
        // up the leases they may still hold, so that no lease is used by two threads at once.
        boolean interrupted = Thread.interrupted();
        try {
            poller.join(ABORT_WAIT.toMillis());
            downloads.awaitTermination(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        abandoned.forEach(DayPipeline::closeLease);
    }
}
