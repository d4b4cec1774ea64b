package io.github.cometlyexport.application;

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
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exports one day end to end. A day that is not closed ({@link io.github.cometlyexport.domain.DayClosure}) is
 * refused before any request unless the command asks for a provisional export; the destination's table must hold
 * the request's filters (or none yet). Then: skip when an equal request's verified, final result is stored
 * (unless refreshing); else create a job, await it, download, verify and store, replacing the day's file in one
 * step; a failed job is replaced by a new one (same request) as the
 * {@link io.github.cometlyexport.domain.ReplacementPolicy} allows. Thread-safe if its collaborators are.
 */
public final class ExportEventsService implements ExportEventsUseCase {
    private final CreateExportJobPort create;
    private final StoreExportFilePort store;
    private final Sleeper sleeper;
    private final JobAwaiter awaiter;
    private final VerifiedDownloader downloader;
    private final ExportPolicies policies;
    private final Clock clock;

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
     */
    public ExportEventsService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                               StoreExportFilePort store, VerifyExportLinesPort lines, ExportPolicies policies,
                               Clock clock, Sleeper sleeper, RandomGenerator random) {
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
        ExportRequest request = command.request();
        boolean closed = policies.closure().isClosed(request.date(), clock.instant());
        if (!closed && command.mode() != ExportEventsCommand.Mode.PARTIAL) {
            throw new InvalidExportRequestException(List.of(new Violation("date", request.date() + " is not over in "
                    + "the Space's time zone (" + policies.closure().zone() + ", plus " + PollingPolicy.human(
                    policies.closure().settle()) + " for late events): it closes at "
                    + policies.closure().closesAt(request.date()) + "; export it as provisional with --partial")));
        }
        TableDefinition table = TableDefinition.of(request);
        table.conflictWith(store.claimTable(table)).ifPresent(conflict -> {
            throw new InvalidExportRequestException(List.of(conflict));
        });
        Optional<StoredExport> stored = store.findStored(request);
        // A stored final day is done, unless refreshed; a provisional one is done only while its day is still open.
        if (stored.isPresent() && command.mode() != ExportEventsCommand.Mode.REFRESH
                && !(stored.get().manifest().provisional() && closed)) {
            return new ExportOutcome.Stored(stored.get(), true, 0);
        }
        int attempts = 0;
        while (true) {
            attempts++;
            ExportJobId id = create.create(request);
            command.listener().jobCreated(id, attempts);
            AwaitOutcome outcome = awaiter.await(id, policies.polling(), command.listener());
            if (outcome instanceof AwaitOutcome.GaveUp gaveUp) {
                return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), attempts);
            }
            ExportJob job = ((AwaitOutcome.Finished) outcome).job();
            if (job instanceof ExportJob.Completed completed) {
                StoredExport result = downloader.download(completed, new ExportFileKey(id, request.date()), request,
                        attempts, !closed, policies.download(), command.listener());
                return new ExportOutcome.Stored(result, false, attempts);
            }
            if (!policies.replacement().mayReplace(attempts)) {
                return new ExportOutcome.JobFailed((ExportJob.Failed) job, attempts);
            }
            Pauses.pause(sleeper, policies.replacement().pause(), "waiting to replace failed job " + id);
        }
    }
}
