package io.github.cometlyexport.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link PollingPolicy} says to do after an observation: wait and poll again, stop because the job is in a
 * terminal state, or give up for a stated reason.
 */
public sealed interface PollDecision permits PollDecision.Wait, PollDecision.Ready, PollDecision.GiveUp {

    /**
     * Poll again after {@code delay}.
     *
     * @param delay how long to wait; not negative
     */
    record Wait(Duration delay) implements PollDecision {
        /**
         * Checks the delay.
         *
         * @param delay how long to wait before the next poll; not null, not negative
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Wait {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
        }
    }

    /**
     * The job reached a terminal state ({@code completed} or {@code failed}).
     *
     * @param job the terminal job
     */
    record Ready(ExportJob job) implements PollDecision {
        /**
         * Checks that the job is over.
         *
         * @param job the job in its terminal state; not null
         * @throws IllegalArgumentException if {@code job} is not terminal
         */
        public Ready {
            if (!job.isTerminal()) {
                throw new IllegalArgumentException("Ready needs a terminal job, got " + job.kind());
            }
        }
    }

    /**
     * Stop waiting: a budget ran out.
     *
     * @param reason which budget
     * @param detail a sentence for people, naming the budget and the time spent
     */
    record GiveUp(Reason reason, String detail) implements PollDecision {
        /**
         * Checks that the reason and detail are given.
         *
         * @param reason which budget ran out; not null
         * @param detail a sentence for people, naming the budget and the time spent; not null
         * @throws NullPointerException if an argument is null
         */
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why waiting stopped without a terminal state. */
    enum Reason {
        /** The overall deadline passed. */
        TIMED_OUT,
        /** The job stayed {@code queued} longer than the queued budget: Cometly is not picking it up. */
        STUCK_QUEUED,
        /** The job stayed {@code processing} longer than the processing budget. */
        PROCESSING_TOO_LONG
    }
}
