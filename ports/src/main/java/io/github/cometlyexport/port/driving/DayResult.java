package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.domain.StoredExport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How one day of an {@link ExportDaysUseCase} run ended. Every expected end is one of these records; none is an
 * exception: an infrastructure failure that outlasted its retries is {@link Failed}, with its cause.
 */
public sealed interface DayResult permits DayResult.Stored, DayResult.Skipped, DayResult.Open,
        DayResult.HeldElsewhere, DayResult.JobFailed, DayResult.GaveUp, DayResult.Failed {

    /** @return the day */
    LocalDate day();

    /** @return jobs created or resumed for this result in this run (0 when nothing was asked of Cometly) */
    int attempts();

    /**
     * A job's verified file was stored for the day in this run.
     *
     * @param day      the day
     * @param stored   the file and its manifest
     * @param attempts jobs created or resumed
     */
    record Stored(LocalDate day, StoredExport stored, int attempts) implements DayResult {
        /**
         * Checks that the day and the stored file are given.
         *
         * @param day      the day, in the Space's time zone; not null
         * @param stored   the file and its manifest; not null
         * @param attempts jobs created or resumed for the day in this run
         * @throws NullPointerException if an argument is null
         */
        public Stored {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(stored, "stored");
        }
    }

    /**
     * The day was already stored and verified (final, or provisional while the day is open and provisional files
     * are allowed), so nothing was done.
     *
     * @param day    the day
     * @param stored what is stored
     */
    record Skipped(LocalDate day, StoredExport stored) implements DayResult {
        /**
         * Checks that the day and the stored file are given.
         *
         * @param day    the day, in the Space's time zone; not null
         * @param stored the file and manifest already in the store; not null
         * @throws NullPointerException if an argument is null
         */
        public Skipped {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(stored, "stored");
        }

        @Override
        public int attempts() {
            return 0;
        }
    }

    /**
     * The day is not closed yet (in the Space's zone, plus the settle time) and the run allowed closed days only.
     *
     * @param day      the day
     * @param closesAt when it closes
     */
    record Open(LocalDate day, Instant closesAt) implements DayResult {
        /**
         * Checks that the day and its closing instant are given.
         *
         * @param day      the day, in the Space's time zone; not null
         * @param closesAt when the day counts as closed; not null
         * @throws NullPointerException if an argument is null
         */
        public Open {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(closesAt, "closesAt");
        }

        @Override
        public int attempts() {
            return 0;
        }
    }

    /**
     * Another process sharing the ledger held the day for as long as the run was allowed to wait for it.
     *
     * @param day    the day
     * @param record the day's record, naming the holder and when its lease expires
     */
    record HeldElsewhere(LocalDate day, DayRecord record) implements DayResult {
        /**
         * Checks that the day and its record are given.
         *
         * @param day    the day, in the Space's time zone; not null
         * @param record the day's record, naming the holder and when its lease expires; not null
         * @throws NullPointerException if an argument is null
         */
        public HeldElsewhere {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public int attempts() {
            return 0;
        }
    }

    /**
     * The day's jobs failed, and no replacement is allowed any more.
     *
     * @param day      the day
     * @param lastJob  the last failed job
     * @param attempts jobs created or resumed
     */
    record JobFailed(LocalDate day, ExportJob.Failed lastJob, int attempts) implements DayResult {
        /**
         * Checks that the day and its last job are given.
         *
         * @param day      the day, in the Space's time zone; not null
         * @param lastJob  the last failed job; not null
         * @param attempts jobs created or resumed for the day in this run
         * @throws NullPointerException if an argument is null
         */
        public JobFailed {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(lastJob, "lastJob");
        }
    }

    /**
     * A polling budget ran out before the day's job finished; the ledger keeps the job for a later run to resume.
     *
     * @param day      the day
     * @param decision which budget, with a sentence for people
     * @param lastSeen the job as last observed
     * @param attempts jobs created or resumed
     */
    record GaveUp(LocalDate day, PollDecision.GiveUp decision, ExportJob lastSeen, int attempts)
            implements DayResult {
        /**
         * Checks that the day, the decision and the last observation are given.
         *
         * @param day      the day, in the Space's time zone; not null
         * @param decision which budget ran out, with a sentence for people; not null
         * @param lastSeen the job as last observed; not null
         * @param attempts jobs created or resumed for the day in this run
         * @throws NullPointerException if an argument is null
         */
        public GaveUp {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /**
     * The day failed: a refused key, a file that did not verify, a store or ledger that failed, a network failure
     * that outlasted every retry, or anything unexpected. The other days of the run go on (a refused key makes them
     * fail at once too, without a request).
     *
     * @param day      the day
     * @param cause    what went wrong; usually an {@code ExportException}
     * @param attempts jobs created or resumed
     */
    record Failed(LocalDate day, Throwable cause, int attempts) implements DayResult {
        /**
         * Checks that the day and the cause are given.
         *
         * @param day      the day, in the Space's time zone; not null
         * @param cause    what went wrong, usually an {@code ExportException}; not null
         * @param attempts jobs created or resumed for the day in this run
         * @throws NullPointerException if an argument is null
         */
        public Failed {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
