package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.in.AwaitOutcome;
import io.github.cometlyexport.port.in.ExportEventsCommand;
import io.github.cometlyexport.port.in.ExportEventsUseCase;
import io.github.cometlyexport.port.in.ExportOutcome;
import io.github.cometlyexport.port.out.CreateExportJobPort;
import io.github.cometlyexport.port.out.DownloadExportFilePort;
import io.github.cometlyexport.port.out.FetchExportJobPort;
import io.github.cometlyexport.port.out.Sleeper;
import io.github.cometlyexport.port.out.StoreExportFilePort;
import io.github.cometlyexport.port.out.VerifyExportLinesPort;
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

    /**
     * @param create   creates jobs (and paces them within the Space's create budget)
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param clock    the time source
     * @param sleeper  waits between polls, before resuming and before replacing a failed job
     * @param random   the jitter source
     */
    public ExportEventsService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                               StoreExportFilePort store, VerifyExportLinesPort lines, Clock clock, Sleeper sleeper,
                               RandomGenerator random) {
        this.create = Objects.requireNonNull(create, "create");
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
            AwaitOutcome outcome = awaiter.await(id, command.pollingPolicy(), command.listener());
            if (outcome instanceof AwaitOutcome.GaveUp gaveUp) {
                return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), attempts);
            }
            ExportJob job = ((AwaitOutcome.Finished) outcome).job();
            if (job instanceof ExportJob.Completed completed) {
                StoredExport result = downloader.download(completed, new ExportFileKey(id, request.date()), request,
                        attempts, command.downloadPolicy(), command.listener());
                return new ExportOutcome.Stored(result, false, attempts);
            }
            if (!command.replacementPolicy().mayReplace(attempts)) {
                return new ExportOutcome.JobFailed((ExportJob.Failed) job, attempts);
            }
            Pauses.pause(sleeper, command.replacementPolicy().pause(), "waiting to replace failed job " + id);
        }
    }
}
