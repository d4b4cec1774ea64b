package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.in.AwaitOutcome;
import io.github.cometlyexport.port.in.DownloadExportCommand;
import io.github.cometlyexport.port.in.DownloadExportUseCase;
import io.github.cometlyexport.port.in.ExportOutcome;
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
 * Downloads an existing job's file: skips it when already stored, waits if needed, then streams, verifies and
 * publishes it. Thread-safe if its collaborators are.
 */
public final class DownloadExportService implements DownloadExportUseCase {
    private final StoreExportFilePort store;
    private final JobAwaiter awaiter;
    private final VerifiedDownloader downloader;

    /**
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param clock    the time source
     * @param sleeper  waits between polls and before resuming
     * @param random   the jitter source
     */
    public DownloadExportService(FetchExportJobPort fetch, DownloadExportFilePort download, StoreExportFilePort store,
                                 VerifyExportLinesPort lines, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.awaiter = new JobAwaiter(fetch, clock, sleeper, random);
        this.downloader = new VerifiedDownloader(fetch, download, store, lines, clock, sleeper);
    }

    @Override
    public ExportOutcome download(DownloadExportCommand command) {
        Optional<StoredExport> stored = store.findStored(command.key());
        if (stored.isPresent()) {
            return new ExportOutcome.Stored(stored.get(), true, 0);
        }
        AwaitOutcome outcome = awaiter.await(command.key().exportId(), command.pollingPolicy(), command.listener());
        if (outcome instanceof AwaitOutcome.GaveUp gaveUp) {
            return new ExportOutcome.GaveUp(gaveUp.decision(), gaveUp.lastSeen(), 1);
        }
        ExportJob job = ((AwaitOutcome.Finished) outcome).job();
        if (job instanceof ExportJob.Failed failed) {
            return new ExportOutcome.JobFailed(failed, 1);
        }
        StoredExport result = downloader.download((ExportJob.Completed) job, command.key(), null, 1,
                command.downloadPolicy(), command.listener());
        return new ExportOutcome.Stored(result, false, 1);
    }
}
