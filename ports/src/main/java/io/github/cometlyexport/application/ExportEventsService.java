package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.InvalidExportRequestException;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.Violation;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import io.github.cometlyexport.port.driving.ExportOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exports one day end to end: the one-day case of {@link ExportDaysService}, answered as an
 * {@link ExportOutcome}. A day that is not closed ({@link io.github.cometlyexport.domain.DayClosure}) is refused
 * before any request unless the command asks for a provisional export; the destination's table must hold the
 * request's filters (or none yet). Then: skip when an equal request's verified, final result is stored (unless
 * refreshing); else create a job, await it, download, verify and store, replacing the day's file in one step; a
 * failed job, and a completed one whose file is gone ({@link ExportApiException.Kind#FILE_GONE}), is replaced by
 * a new one (same request) as the {@link io.github.cometlyexport.domain.ReplacementPolicy} allows. A job asked for
 * while its day was open (as recorded when it was created, on this process's clock, never Cometly's possibly
 * skewed {@code created_at}) is stored as provisional,
 * whenever it completes. Thread-safe if its collaborators are.
 *
 * <p>With a ledger, the day is claimed first (another process working on it: {@link ExportOutcome.HeldElsewhere},
 * nothing done); a job the ledger recorded for the day (by a run that was killed, or a process that died) is
 * resumed instead of creating another, and replaced only when it failed or is gone (404), or, once the day is
 * closed, when it was created while the day was open. Each new job is recorded as soon as its create answers; the
 * file is published only while the lease is still held. A process that lost its lease (it stalled, and another
 * took the day over) publishes nothing and answers {@link ExportOutcome.HeldElsewhere}. A refresh skips the day
 * only when, while it waited for the claim, another process stored another file (another job, other bytes).
 * Infrastructure failures are thrown, as the use case says.
 */
public final class ExportEventsService implements ExportEventsUseCase {
    private final ExportDaysUseCase days;
    private final ExportPolicies policies;

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
        this(new ExportDaysService(create, fetch, download, store, lines, policies, PipelinePolicy.defaults(), clock,
                sleeper, random, ledger, ExportDaysService.daemonThreads()), policies);
    }

    /**
     * @param days     the days use case this one-day export runs on
     * @param policies the policies it was built with (for the closure's words when a day is not closed)
     */
    public ExportEventsService(ExportDaysUseCase days, ExportPolicies policies) {
        this.days = Objects.requireNonNull(days, "days");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    @Override
    public ExportOutcome export(ExportEventsCommand command) {
        ExportRequest request = command.request();
        ExportDaysCommand day = ExportDaysCommand.day(request)
                .withPartial(command.mode() == ExportEventsCommand.Mode.PARTIAL)
                .withRefreshLast(command.mode() == ExportEventsCommand.Mode.REFRESH ? 1 : 0)
                .withListener(command.listener());
        DayResult result = days.exportDays(day).get(0);
        return outcome(result);
    }

    /** @return the day's result as the one-day use case answers it; a failure is thrown */
    private ExportOutcome outcome(DayResult result) {
        if (result instanceof DayResult.Stored stored) {
            return new ExportOutcome.Stored(stored.stored(), false, stored.attempts());
        } else if (result instanceof DayResult.Skipped skipped) {
            return new ExportOutcome.Stored(skipped.stored(), true, 0);
        } else if (result instanceof DayResult.HeldElsewhere held) {
            return new ExportOutcome.HeldElsewhere(held.record());
        } else if (result instanceof DayResult.JobFailed failed) {
            return new ExportOutcome.JobFailed(failed.lastJob(), failed.attempts());
        } else if (result instanceof DayResult.GaveUp gaveUp) {
            return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), gaveUp.attempts());
        } else if (result instanceof DayResult.Open open) {
            throw new InvalidExportRequestException(List.of(new Violation("date", open.day() + " is not over in "
                    + "the Space's time zone (" + policies.closure().zone() + ", plus " + PollingPolicy.human(
                    policies.closure().settle()) + " for late events): it closes at " + open.closesAt()
                    + "; export it as provisional (a partial export) to have it now")));
        }
        Throwable cause = ((DayResult.Failed) result).cause();
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) cause;
    }
}
