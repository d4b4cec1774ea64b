package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.PollDecision;
import java.util.Objects;

/** How waiting for a job ended: it reached a terminal state, or a budget ran out. */
public sealed interface AwaitOutcome permits AwaitOutcome.Finished, AwaitOutcome.GaveUp {

    /** @return how many status requests were made */
    int polls();

    /**
     * The job is {@code completed} or {@code failed}.
     *
     * @param job   the terminal job
     * @param polls status requests made
     */
    record Finished(ExportJob job, int polls) implements AwaitOutcome {
        /**
         * Checks that the job is over.
         *
         * @param job   the job in its terminal state; not null
         * @param polls status requests made
         * @throws IllegalArgumentException if the job is not terminal
         */
        public Finished {
            if (!job.isTerminal()) {
                throw new IllegalArgumentException("Finished needs a terminal job, got " + job.kind());
            }
        }
    }

    /**
     * A polling budget ran out.
     *
     * @param decision which budget, and a sentence for people
     * @param lastSeen the job as last observed
     * @param polls    status requests made
     */
    record GaveUp(PollDecision.GiveUp decision, ExportJob lastSeen, int polls) implements AwaitOutcome {
        /**
         * Checks that the decision and the last observation are given.
         *
         * @param decision which budget ran out, and a sentence for people; not null
         * @param lastSeen the job as last observed; not null
         * @param polls    status requests made
         * @throws NullPointerException if an argument is null
         */
        public GaveUp {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
