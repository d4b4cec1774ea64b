package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.InvalidExportRequestException;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.domain.Violation;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exports one day end to end. A day that is not closed ({@link io.github.cometlyexport.domain.DayClosure}) is
 * refused before any request unless the command asks for a provisional export; the destination's table must hold
 * the request's filters (or none yet). Then: skip when an equal request's verified, final result is stored
 * (unless refreshing); else create a job, await it, download, verify and store, replacing the day's file in one
 * step; a failed job, and a completed one whose file is gone ({@link ExportApiException.Kind#FILE_GONE}), is
 * replaced by a new one (same request) as the {@link io.github.cometlyexport.domain.ReplacementPolicy} allows.
 * A job asked for while its day was open (as recorded when it was created, on this process's clock, not Cometly's
 * {@code created_at}, which may be skewed) is stored as provisional, whenever it completes. Thread-safe if its
 * collaborators are.
 *
 * <p>With a ledger, the day is claimed first (another process working on it: {@link ExportOutcome.HeldElsewhere},
 * nothing done); a job the ledger recorded for the day (by a run that was killed, or a process that died) is
 * resumed instead of creating another, and replaced only when it failed or is gone (404), or, once the day is
 * closed, when it was created while the day was open. Each new job is recorded as soon as its create answers; the
 * file is published only while the lease is still held. A process that lost its lease (it stalled, and another
 * took the day over) publishes nothing and answers {@link ExportOutcome.HeldElsewhere}. A refresh skips the day
 * only when, while it waited for the claim, another process stored another file (another job, other bytes).
 */
public final class ExportEventsService implements ExportEventsUseCase {
    private final CreateExportJobPort create;
    private final StoreExportFilePort store;
    private final Sleeper sleeper;
    private final JobAwaiter awaiter;
    private final VerifiedDownloader downloader;
    private final ExportPolicies policies;
    private final Clock clock;
    private final LedgerScope ledger;

    /**
     * @param create   creates jobs (and paces them within the Space's create budget)
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param policies how to wait for, replace and download jobs
     * @param clock    the time source
     * @param sleeper  waits between polls, before resuming and before replacing a failed job
     * @param random   the jitter source
     * @param ledger   where days are claimed and their jobs recorded ({@link LedgerScope#none()} for nowhere)
     */
    public ExportEventsService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                               StoreExportFilePort store, VerifyExportLinesPort lines, ExportPolicies policies,
                               Clock clock, Sleeper sleeper, RandomGenerator random, LedgerScope ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.create = Objects.requireNonNull(create, "create");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
        this.downloader = new VerifiedDownloader(fetch, download, store, lines, clock, sleeper);
    }

    @Override
    public ExportOutcome export(ExportEventsCommand command) {
        Instant started = clock.instant();
        ExportRequest request = command.request();
        boolean closed = policies.closure().isClosed(request.date(), started);
        if (!closed && command.mode() != ExportEventsCommand.Mode.PARTIAL) {
            throw new InvalidExportRequestException(List.of(new Violation("date", request.date() + " is not over in "
                    + "the Space's time zone (" + policies.closure().zone() + ", plus " + PollingPolicy.human(
                    policies.closure().settle()) + " for late events): it closes at "
                    + policies.closure().closesAt(request.date()) + "; export it as provisional with --partial")));
        }
        TableDefinition table = TableDefinition.of(request, store.format());
        table.conflictWith(store.claimTable(table)).ifPresent(conflict -> {
            throw new InvalidExportRequestException(List.of(conflict));
        });
        Optional<ExportOutcome> done = alreadyDone(command, closed);
        if (done.isPresent()) {
            return done.get();
        }
        DayKey key = ledger.key(table, request.date());
        boolean refresh = command.mode() == ExportEventsCommand.Mode.REFRESH;
        // What the day held before this command waited for it: its job and its file's SHA-256, never a time that
        // every lease write moves (the claim itself would then look like another process's refresh).
        Optional<DayRecord> before = refresh ? ledger.ledger().read(key) : Optional.empty();
        Optional<DayLease> claim = ledger.ledger().claim(key);
        if (claim.isEmpty()) {
            return new ExportOutcome.HeldElsewhere(ledger.ledger().read(key).orElseGet(() -> new DayRecord(key,
                    DayState.CLAIMED, null, false, 0, null, null, null, null, started)));
        }
        try (DayLease lease = claim.get()) {
            DayRecord record = lease.claimed();
            // Another process may have finished the day (or refreshed it) while this one waited for it.
            Optional<ExportOutcome> doneMeanwhile = refresh && storedAnotherFile(before, record)
                    ? store.findStored(request).filter(s -> !(s.manifest().provisional() && closed))
                    .map(s -> new ExportOutcome.Stored(s, true, 0))
                    : alreadyDone(command, closed);
            if (doneMeanwhile.isPresent()) {
                return doneMeanwhile.get();
            }
            try {
                return work(command, lease, record, closed);
            } catch (ExportLedgerException e) {
                if (!e.leaseLost()) {
                    throw e;
                }
                // This process stalled past its lease and another took the day over (with its job): nothing was
                // published; the new holder finishes the day, as if this process had found it held.
                return new ExportOutcome.HeldElsewhere(ledger.ledger().read(key).orElse(record));
            }
        }
    }

    /**
     * @return whether the day, as claimed, holds a stored file other than the one it held before this command waited
     *         for it (another job, or other bytes): another process stored or refreshed it meanwhile
     */
    private static boolean storedAnotherFile(Optional<DayRecord> before, DayRecord claimed) {
        if (claimed.state() != DayState.STORED) {
            return false;
        }
        return before.filter(b -> b.state() == DayState.STORED && Objects.equals(b.exportId(), claimed.exportId())
                && Objects.equals(b.sha256(), claimed.sha256())).isEmpty();
    }

    /** @return the stored result when the day needs no work: stored, final (or provisional while open), not refreshed */
    private Optional<ExportOutcome> alreadyDone(ExportEventsCommand command, boolean closed) {
        if (command.mode() == ExportEventsCommand.Mode.REFRESH) {
            return Optional.empty();
        }
        return store.findStored(command.request()).filter(s -> !(s.manifest().provisional() && closed))
                .map(s -> new ExportOutcome.Stored(s, true, 0));
    }

    /**
     * Resumes the day's recorded job, or creates one, and replaces failed ones (and completed ones whose file is
     * gone); records each step in the lease.
     */
    private ExportOutcome work(ExportEventsCommand command, DayLease lease, DayRecord record, boolean closed) {
        ExportRequest request = command.request();
        Optional<ExportJobId> resume = record.resumableJob(closed);
        int total = record.attempts();
        int attempts = 0;
        while (true) {
            attempts++;
            total++;
            ExportJobId id;
            boolean resumed = resume.isPresent();
            // Whether the job was asked for while its day was open: its file then holds only what had arrived.
            boolean provisional;
            if (resumed) {
                id = resume.get();
                resume = Optional.empty();
                provisional = record.jobProvisional();
                lease.recordJob(id, total, provisional);
                command.listener().jobResumed(id, total);
            } else {
                // The closure when the job is asked for, not when this run started: the day may have closed since.
                provisional = !policies.closure().isClosed(request.date(), clock.instant());
                id = create.create(request);
                // Recorded in the step that learned it: a process killed from here on resumes this job.
                lease.recordJob(id, total, provisional);
                command.listener().jobCreated(id, attempts);
            }
            AwaitOutcome outcome;
            try {
                outcome = awaiter.await(id, policies.polling(), command.listener());
            } catch (ExportApiException e) {
                if (resumed && e.kind() == ExportApiException.Kind.NOT_FOUND) {
                    // The recorded job is gone (expired at Cometly): replace it; it was not a failed attempt.
                    lease.recordState(DayState.FAILED);
                    attempts--;
                    continue;
                }
                throw e;
            }
            if (outcome instanceof AwaitOutcome.GaveUp gaveUp) {
                // The record keeps the job: a later run resumes it instead of creating another.
                lease.recordState(DayState.of(gaveUp.lastSeen().kind()));
                return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), attempts);
            }
            ExportJob job = ((AwaitOutcome.Finished) outcome).job();
            lease.recordState(DayState.of(job.kind()));
            if (job instanceof ExportJob.Completed completed) {
                try {
                    StoredExport result = downloader.download(completed, new ExportFileKey(id, request.date()),
                            request, attempts, provisional, policies.download(), command.listener(), lease::confirm);
                    lease.recordStored(result);
                    return new ExportOutcome.Stored(result, false, attempts);
                } catch (ExportApiException e) {
                    if (e.kind() != ExportApiException.Kind.FILE_GONE) {
                        throw e;
                    }
                    // Cometly keeps a job's file only for a while: once it is gone the job can never deliver the
                    // day, so it is replaced like a failed job (and never resumed again), counted as an attempt.
                    lease.recordState(DayState.FAILED);
                    if (!policies.replacement().mayReplace(attempts)) {
                        throw e;
                    }
                }
            } else if (!policies.replacement().mayReplace(attempts)) {
                return new ExportOutcome.JobFailed((ExportJob.Failed) job, attempts);
            }
            Pauses.pause(sleeper, policies.replacement().pause(), "waiting to replace job " + id);
        }
    }
}
