package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Duration;

/**
 * A host's listener as a run of days calls it: a listener must not throw, and one that does anyway must not stop a
 * stage (a poller that died of a listener would leave every other day waiting), so what it throws is dropped here.
 */
final class GuardedListener implements ExportProgressListener {
    private final ExportProgressListener inner;

    GuardedListener(ExportProgressListener inner) {
        this.inner = inner;
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // The listener broke its contract; the run goes on without this one notice.
        }
    }

    @Override
    public void jobCreated(ExportJobId id, int attempt) {
        guard(() -> inner.jobCreated(id, attempt));
    }

    @Override
    public void jobResumed(ExportJobId id, int attempt) {
        guard(() -> inner.jobResumed(id, attempt));
    }

    @Override
    public void statusObserved(ExportJob job, Duration nextPoll) {
        guard(() -> inner.statusObserved(job, nextPoll));
    }

    @Override
    public void downloadProgress(ExportJobId id, long bytes, long totalLength) {
        guard(() -> inner.downloadProgress(id, bytes, totalLength));
    }

    @Override
    public void downloadResumed(ExportJobId id, long atByte, String reason) {
        guard(() -> inner.downloadResumed(id, atByte, reason));
    }

    @Override
    public void dayHeld(DayRecord held) {
        guard(() -> inner.dayHeld(held));
    }

    @Override
    public void dayFinished(DayResult result) {
        guard(() -> inner.dayFinished(result));
    }
}
