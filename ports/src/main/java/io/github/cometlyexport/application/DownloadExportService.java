package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.DownloadExportCommand;
import io.github.cometlyexport.port.driving.DownloadExportUseCase;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
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
 * Downloads an existing job's file: skips it when already stored, waits if needed, then streams, verifies and
 * publishes it. Downloaded into a day's partition, the file of a job created before that day closed (in the Space's
 * time zone, plus the settle time) is stored as provisional. Thread-safe if its collaborators are.
 */
public final class DownloadExportService implements DownloadExportUseCase {
    private final StoreExportFilePort store;
    private final JobAwaiter awaiter;
    private final VerifiedDownloader downloader;
    private final ExportPolicies policies;

    /**
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param policies how to wait and download (the replacement policy is not used: the job is given)
     * @param clock    the time source
     * @param sleeper  waits between polls and before resuming
     * @param random   the jitter source
     */
    public DownloadExportService(FetchExportJobPort fetch, DownloadExportFilePort download, StoreExportFilePort store,
                                 VerifyExportLinesPort lines, ExportPolicies policies, Clock clock, Sleeper sleeper,
                                 RandomGenerator random) {
        this(fetch, download, store, lines, null, policies, clock, sleeper, random);
    }

    /**
     * The service for a store whose format is made from the verified lines by a converter (Parquet).
     *
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param convert  converts the verified lines to the store's format, or {@code null} when the store keeps gzip
     *                 or NDJSON
     * @param policies how to wait and download (the replacement policy is not used: the job is given)
     * @param clock    the time source
     * @param sleeper  waits between polls and before resuming
     * @param random   the jitter source
     * @throws IllegalArgumentException if the store's format needs a converter and {@code convert} is not one to it
     */
    public DownloadExportService(FetchExportJobPort fetch, DownloadExportFilePort download, StoreExportFilePort store,
                                 VerifyExportLinesPort lines, ConvertExportFilePort convert, ExportPolicies policies,
                                 Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
        this.downloader = new VerifiedDownloader(fetch, download, store, lines, convert, clock, sleeper);
    }

    @Override
    public ExportOutcome download(DownloadExportCommand command) {
        Optional<StoredExport> stored = store.findStored(command.key());
        if (stored.isPresent()) {
            return new ExportOutcome.Stored(stored.get(), true, 0);
        }
        AwaitOutcome outcome = awaiter.await(command.key().exportId(), policies.polling(), command.listener());
        if (outcome instanceof AwaitOutcome.GaveUp gaveUp) {
            return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), 1);
        }
        ExportJob job = ((AwaitOutcome.Finished) outcome).job();
        if (job instanceof ExportJob.Failed failed) {
            return new ExportOutcome.JobFailed(failed, 1);
        }
        // Into a day's partition, the file of a job Cometly created before that day closed holds only what had
        // arrived by then: its manifest says provisional, so that an export of the closed day replaces it.
        boolean provisional = command.key().knownDate()
                .filter(day -> !policies.closure().isClosed(day, job.createdAt())).isPresent();
        StoredExport result = downloader.download((ExportJob.Completed) job, command.key(), null, 1, provisional,
                policies.download(), command.listener(), () -> { });
        return new ExportOutcome.Stored(result, false, 1);
    }
}
