package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import java.time.Duration;

/**
 * Hears what a long-running use case is doing, for progress lines, logs and metrics. Called on the use case's
 * threads (a days run calls it from its create, poll and download stages at once, so implementations must be
 * thread-safe); implementations must be quick and must not throw. Every method has an empty default.
 */
public interface ExportProgressListener {

    /** A listener that ignores everything. */
    ExportProgressListener NONE = new ExportProgressListener() {
    };

    /**
     * @param first  hears each event first
     * @param second then this one
     * @return a listener that tells both
     */
    static ExportProgressListener both(ExportProgressListener first, ExportProgressListener second) {
        return new ExportProgressListener() {
            @Override
            public void jobCreated(ExportJobId id, int attempt) {
                first.jobCreated(id, attempt);
                second.jobCreated(id, attempt);
            }

            @Override
            public void jobResumed(ExportJobId id, int attempt) {
                first.jobResumed(id, attempt);
                second.jobResumed(id, attempt);
            }

            @Override
            public void statusObserved(ExportJob job, Duration nextPoll) {
                first.statusObserved(job, nextPoll);
                second.statusObserved(job, nextPoll);
            }

            @Override
            public void downloadProgress(ExportJobId id, long bytes, long totalLength) {
                first.downloadProgress(id, bytes, totalLength);
                second.downloadProgress(id, bytes, totalLength);
            }

            @Override
            public void downloadResumed(ExportJobId id, long atByte, String reason) {
                first.downloadResumed(id, atByte, reason);
                second.downloadResumed(id, atByte, reason);
            }

            @Override
            public void dayHeld(DayRecord held) {
                first.dayHeld(held);
                second.dayHeld(held);
            }

            @Override
            public void dayFinished(DayResult result) {
                first.dayFinished(result);
                second.dayFinished(result);
            }
        };
    }

    /**
     * A job was created.
     *
     * @param id      the new job
     * @param attempt which job this is for the request, from 1
     */
    default void jobCreated(ExportJobId id, int attempt) {
    }

    /**
     * A job recorded in the ledger by an earlier run (or a process that died) is resumed instead of creating one.
     *
     * @param id      the recorded job
     * @param attempt which job this is for the day, from 1, over every run
     */
    default void jobResumed(ExportJobId id, int attempt) {
    }

    /**
     * A status was observed while waiting.
     *
     * @param job      the job as observed
     * @param nextPoll how long until the next status request, or {@link Duration#ZERO} when waiting is over
     */
    default void statusObserved(ExportJob job, Duration nextPoll) {
    }

    /**
     * Bytes arrived.
     *
     * @param id          the job
     * @param bytes       bytes held so far
     * @param totalLength the file's size, or {@code -1} when unknown
     */
    default void downloadProgress(ExportJobId id, long bytes, long totalLength) {
    }

    /**
     * A download was interrupted and will go on.
     *
     * @param id     the job
     * @param atByte where it will resume
     * @param reason what happened (no secrets)
     */
    default void downloadResumed(ExportJobId id, long atByte, String reason) {
    }

    /**
     * A day of a days run is held by another process of the ledger; the run goes on with other days and asks again.
     * Heard once per day and run.
     *
     * @param held the day's record, naming the holder
     */
    default void dayHeld(DayRecord held) {
    }

    /**
     * A day of a days run has its result (heard once per day, as soon as it is known, in no particular order).
     *
     * @param result how the day ended
     */
    default void dayFinished(DayResult result) {
    }
}
