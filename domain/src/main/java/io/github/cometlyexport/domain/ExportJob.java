package io.github.cometlyexport.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Cometly export job as last observed: {@link Queued}, {@link Processing}, {@link Completed} or {@link Failed}.
 *
 * <p>The lifecycle is {@code queued → processing → completed | failed}; {@code queued → completed | failed}
 * directly is legal too (small jobs finish between two polls). Transitions are methods on the source state that
 * return the target state, so an illegal transition does not compile. {@link Completed} and {@link Failed} are
 * terminal and have none: a failed job is replaced by a new job, never retried.
 *
 * <p>Observations arrive from the network in any order; {@link #changeTo(ExportJob)} tells whether a newly
 * observed state is a legal successor of this one, so that a status that goes backwards is reported as a
 * protocol anomaly instead of being silently accepted.
 *
 * <p>All states are immutable records and thread-safe.
 */
public sealed interface ExportJob permits ExportJob.Queued, ExportJob.Processing, ExportJob.Completed, ExportJob.Failed {

    /** @return the job's id */
    ExportJobId id();

    /** @return when Cometly created the job ({@code created_at}) */
    Instant createdAt();

    /** @return the state as an enum, for exhaustive switches and for messages */
    Kind kind();

    /** @return {@code true} for {@link Completed} and {@link Failed}, which never change again */
    default boolean isTerminal() {
        return kind().isTerminal();
    }

    /**
     * Classifies a newer observation of the same job against this one.
     *
     * @param observed the state just received for the same job
     * @return how the job moved
     * @throws IllegalArgumentException if {@code observed} belongs to another job
     */
    default StatusChange changeTo(ExportJob observed) {
        if (!observed.id().equals(id())) {
            throw new IllegalArgumentException("cannot compare job " + id() + " with job " + observed.id());
        }
        Kind from = kind();
        Kind to = observed.kind();
        if (from == to) {
            return StatusChange.UNCHANGED;
        }
        if (from.isTerminal()) {
            return StatusChange.LEFT_TERMINAL_STATE;
        }
        return to.ordinal() > from.ordinal() ? StatusChange.ADVANCED : StatusChange.WENT_BACKWARDS;
    }

    /** The four documented states, in lifecycle order. */
    enum Kind {
        /** Accepted, waiting for a worker. */
        QUEUED("queued", false),
        /** Being built. */
        PROCESSING("processing", false),
        /** Built; a download link is available. Terminal. */
        COMPLETED("completed", true),
        /** Could not be built. Terminal; the remedy is a new job. */
        FAILED("failed", true);

        private final String wireName;
        private final boolean terminal;

        Kind(String wireName, boolean terminal) {
            this.wireName = wireName;
            this.terminal = terminal;
        }

        /** @return the {@code status} value as the API spells it */
        public String wireName() {
            return wireName;
        }

        /** @return whether a job in this state never changes again */
        public boolean isTerminal() {
            return terminal;
        }

        /**
         * @param status a {@code status} value from the API
         * @return the matching kind, or empty for a value outside the documented set (a protocol error for the
         *         caller to report, naming the value)
         */
        public static Optional<Kind> fromWireName(String status) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(status)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** How a job moved between two observations. */
    enum StatusChange {
        /** Same state as before (a completed job may carry a freshly minted link). */
        UNCHANGED,
        /** A legal step forward. */
        ADVANCED,
        /** From processing back to queued: not in the documented lifecycle. */
        WENT_BACKWARDS,
        /** A terminal state turned into another one: not in the documented lifecycle. */
        LEFT_TERMINAL_STATE;

        /** @return whether this change breaks the documented lifecycle */
        public boolean isAnomaly() {
            return this == WENT_BACKWARDS || this == LEFT_TERMINAL_STATE;
        }
    }

    /**
     * Accepted and waiting.
     *
     * @param id        the job
     * @param createdAt when it was created
     * @param message   the API's human text, may be empty, never null
     */
    record Queued(ExportJobId id, Instant createdAt, String message) implements ExportJob {
        /**
         * Checks the id and creation time, and turns a missing message into an empty one.
         *
         * @param id        the job; not null
         * @param createdAt when Cometly created it; not null
         * @param message   the API's human text; {@code null} is taken as empty
         * @throws NullPointerException if the id or the creation time is null
         */
        public Queued {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            message = Objects.requireNonNullElse(message, "");
        }

        @Override
        public Kind kind() {
            return Kind.QUEUED;
        }

        /**
         * @param newMessage the API's text for the new state
         * @return the job, now processing
         */
        public Processing startProcessing(String newMessage) {
            return new Processing(id, createdAt, newMessage);
        }

        /**
         * @param completedAt when the job completed
         * @param link        the download link that came with the status
         * @return the job, now completed (a small job may skip {@code processing})
         */
        public Completed complete(Instant completedAt, DownloadUrl link) {
            return new Completed(id, createdAt, completedAt, link);
        }

        /**
         * @param reason the API's text
         * @return the job, now failed
         */
        public Failed fail(String reason) {
            return new Failed(id, createdAt, reason);
        }
    }

    /**
     * Being built.
     *
     * @param id        the job
     * @param createdAt when it was created
     * @param message   the API's human text, may be empty, never null
     */
    record Processing(ExportJobId id, Instant createdAt, String message) implements ExportJob {
        /**
         * Checks the id and creation time, and turns a missing message into an empty one.
         *
         * @param id        the job; not null
         * @param createdAt when Cometly created it; not null
         * @param message   the API's human text; {@code null} is taken as empty
         * @throws NullPointerException if the id or the creation time is null
         */
        public Processing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            message = Objects.requireNonNullElse(message, "");
        }

        @Override
        public Kind kind() {
            return Kind.PROCESSING;
        }

        /**
         * @param completedAt when the job completed
         * @param link        the download link that came with the status
         * @return the job, now completed
         */
        public Completed complete(Instant completedAt, DownloadUrl link) {
            return new Completed(id, createdAt, completedAt, link);
        }

        /**
         * @param reason the API's text
         * @return the job, now failed
         */
        public Failed fail(String reason) {
            return new Failed(id, createdAt, reason);
        }
    }

    /**
     * Built, with a download link. Terminal.
     *
     * @param id           the job
     * @param createdAt    when it was created
     * @param completedAt  when it completed
     * @param downloadUrl  the link minted by the status request that observed this state
     */
    record Completed(ExportJobId id, Instant createdAt, Instant completedAt, DownloadUrl downloadUrl)
            implements ExportJob {
        /**
         * Checks that every part is given.
         *
         * @param id          the job; not null
         * @param createdAt   when Cometly created it; not null
         * @param completedAt when Cometly completed it; not null
         * @param downloadUrl the link minted by the status request that observed this state; not null
         * @throws NullPointerException if an argument is null
         */
        public Completed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(downloadUrl, "downloadUrl");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETED;
        }
    }

    /**
     * Could not be built. Terminal: the remedy is a new job with the same request.
     *
     * @param id        the job
     * @param createdAt when it was created
     * @param message   the API's reason, may be empty, never null
     */
    record Failed(ExportJobId id, Instant createdAt, String message) implements ExportJob {
        /**
         * Checks the id and creation time, and turns a missing message into an empty one.
         *
         * @param id        the job; not null
         * @param createdAt when Cometly created it; not null
         * @param message   the API's reason; {@code null} is taken as empty
         * @throws NullPointerException if the id or the creation time is null
         */
        public Failed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            message = Objects.requireNonNullElse(message, "");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }
}
