package io.github.cometlyexport.domain;

/**
 * What the ledger knows about a day's work, in the order it happens. A day whose record is {@link #QUEUED},
 * {@link #PROCESSING} or {@link #COMPLETED} has a job worth resuming; {@link #FAILED} means its job must be replaced.
 */
public enum DayState {
    /** Claimed; no job recorded yet. */
    CLAIMED,
    /** The job was created (or last seen queued). */
    QUEUED,
    /** The job was last seen processing. */
    PROCESSING,
    /** The job completed; its file is being downloaded. */
    COMPLETED,
    /** The job failed; the next attempt creates another. */
    FAILED,
    /** The day's verified file is stored. */
    STORED;

    /** @return whether the recorded job may still deliver the day (resume it instead of creating another) */
    public boolean resumable() {
        return this == QUEUED || this == PROCESSING || this == COMPLETED;
    }

    /**
     * @param kind a job's state, as the API last reported it
     * @return the day state that records it
     */
    public static DayState of(ExportJob.Kind kind) {
        return switch (kind) {
            case QUEUED -> QUEUED;
            case PROCESSING -> PROCESSING;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
        };
    }

    /** @return the state's name in the ledger and in output: lower case */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
