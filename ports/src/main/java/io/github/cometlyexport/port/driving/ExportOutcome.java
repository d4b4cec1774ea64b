package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.domain.StoredExport;
import java.util.Objects;

/** How a download or an end-to-end export ended. */
public sealed interface ExportOutcome permits ExportOutcome.Stored, ExportOutcome.JobFailed, ExportOutcome.GaveUp,
        ExportOutcome.HeldElsewhere {

    /** @return jobs created or polled for this result */
    int attempts();

    /**
     * A verified file is in the store.
     *
     * @param stored        the file and its manifest
     * @param alreadyStored {@code true} when the work was skipped because a verified result was already there
     * @param attempts      jobs created or polled for this result (0 when skipped)
     */
    record Stored(StoredExport stored, boolean alreadyStored, int attempts) implements ExportOutcome {
        /**
         * Checks that the stored file is given.
         *
         * @param stored        the file and its manifest; not null
         * @param alreadyStored {@code true} when the work was skipped because a verified result was already there
         * @param attempts      jobs created or polled for this result (0 when skipped)
         * @throws NullPointerException if {@code stored} is null
         */
        public Stored {
            Objects.requireNonNull(stored, "stored");
        }
    }

    /**
     * The job failed, and no replacement is allowed (any more).
     *
     * @param lastJob  the last failed job
     * @param attempts jobs created or polled
     */
    record JobFailed(ExportJob.Failed lastJob, int attempts) implements ExportOutcome {
        /**
         * Checks that the last job is given.
         *
         * @param lastJob  the last failed job; not null
         * @param attempts jobs created or polled
         * @throws NullPointerException if {@code lastJob} is null
         */
        public JobFailed {
            Objects.requireNonNull(lastJob, "lastJob");
        }
    }

    /**
     * A polling budget ran out before the job finished.
     *
     * @param decision which budget, with a sentence for people
     * @param lastSeen the job as last observed
     * @param attempts jobs created or polled
     */
    record GaveUp(PollDecision.GiveUp decision, ExportJob lastSeen, int attempts) implements ExportOutcome {
        /**
         * Checks that the decision and the last observation are given.
         *
         * @param decision which budget ran out, with a sentence for people; not null
         * @param lastSeen the job as last observed; not null
         * @param attempts jobs created or polled
         * @throws NullPointerException if an argument is null
         */
        public GaveUp {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /**
     * Another process sharing the ledger works on the day right now; nothing was done. Ask again later: the day is
     * then stored (and skipped), or free, or its holder's lease has expired and this process takes it over.
     *
     * @param record the day's record, naming the holder and when its lease expires
     */
    record HeldElsewhere(DayRecord record) implements ExportOutcome {
        /**
         * Checks that the record is given.
         *
         * @param record the day's record, naming the holder and when its lease expires; not null
         * @throws NullPointerException if {@code record} is null
         */
        public HeldElsewhere {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public int attempts() {
            return 0;
        }
    }
}
