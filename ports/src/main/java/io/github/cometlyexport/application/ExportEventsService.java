package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
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
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exports one day end to end: skip when an equal request's verified result is stored; else create a job, await
 * it, download, verify and store; a failed job is replaced by a new one (same request) as the
 * {@link io.github.cometlyexport.domain.ReplacementPolicy} allows. Thread-safe if its collaborators are.
 */
public final class ExportEventsService implements ExportEventsUseCase {
    private final CreateExportJobPort create;
    private final StoreExportFilePort store;
    private final Sleeper sleeper;
    private final JobAwaiter awaiter;
    private final VerifiedDownloader downloader;
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
     */
    public ExportEventsService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                               StoreExportFilePort store, VerifyExportLinesPort lines, ExportPolicies policies,
                               Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.create = Objects.requireNonNull(create, "create");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.store = Objects.requireNonNull(store, "store");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
        this.downloader = new VerifiedDownloader(fetch, download, store, lines, clock, sleeper);
    }

    @Override
    public ExportOutcome export(ExportEventsCommand command) {
        ExportRequest request = command.request();
        Optional<StoredExport> stored = store.findStored(request);
        if (stored.isPresent()) {
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
                        attempts, policies.download(), command.listener());
                return new ExportOutcome.Stored(result, false, attempts);
            }
            if (!policies.replacement().mayReplace(attempts)) {
                return new ExportOutcome.JobFailed((ExportJob.Failed) job, attempts);
            }
            Pauses.pause(sleeper, policies.replacement().pause(), "waiting to replace failed job " + id);
        }
    }
}
