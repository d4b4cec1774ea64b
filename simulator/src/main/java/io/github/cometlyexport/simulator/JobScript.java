package io.github.cometlyexport.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How one simulated job behaves: its outcome, its timeline, how many events it holds, and which faults its status
 * and download endpoints inject. Immutable; build with {@link #builder()}, start from {@link #completed()}.
 *
 * @param outcome         what the job ends as
 * @param queuedFor       time spent queued (simulator clock)
 * @param processingFor   time spent processing after that
 * @param events          events in the file; {@code -1} for the simulator's default
 * @param cutAfterBytes   a download response is cut (connection closed) after this many body bytes; {@code -1} never
 * @param cutTimes        how many download responses are cut
 * @param stallAfterBytes a download response stalls after this many body bytes; {@code -1} never
 * @param stallFor        how long it stalls (real time: the client sees a silent socket)
 * @param stallTimes      how many download responses stall
 * @param truncateBytes   serve the file without its last this-many bytes, HTTP-complete; 0 for the whole file
 * @param flipByteAt      serve the file with the byte at this offset flipped, HTTP-complete; {@code -1} never
 * @param bogusStatus     a {@code status} value outside the documented set to answer instead of the real one, or
 *                        {@code null}
 * @param appendBytes     bytes served after the file (after a truncation, if any), HTTP-complete: garbage, or a
 *                        damaged gzip member, after a good one; empty for none (the default)
 */
public record JobScript(Outcome outcome, Duration queuedFor, Duration processingFor, long events, long cutAfterBytes,
                        int cutTimes, long stallAfterBytes, Duration stallFor, int stallTimes, long truncateBytes,
                        long flipByteAt, String bogusStatus, byte[] appendBytes) {

    /** What a job ends as. */
    public enum Outcome {
        /** Completes with a file. */
        COMPLETED,
        /** Fails; the status carries a message. */
        FAILED,
        /** Never leaves {@code queued}. */
        STAY_QUEUED
    }

    /**
     * Checks the outcome and durations, and copies the appended bytes.
     *
     * @param outcome         what the job ends as; not null
     * @param queuedFor       time spent queued (simulator clock); not null
     * @param processingFor   time spent processing after that (simulator clock); not null
     * @param events          events in the file; {@code -1} for the simulator's default
     * @param cutAfterBytes   body bytes after which a download response is cut; {@code -1} never
     * @param cutTimes        how many download responses are cut
     * @param stallAfterBytes body bytes after which a download response stalls; {@code -1} never
     * @param stallFor        how long it stalls (real time); not null
     * @param stallTimes      how many download responses stall
     * @param truncateBytes   bytes left off the end of the served file; 0 for the whole file
     * @param flipByteAt      offset of the byte served flipped; {@code -1} never
     * @param bogusStatus     an undocumented {@code status} value to answer instead of the real one, or {@code null}
     * @param appendBytes     bytes served after the file, copied; {@code null} for none
     * @throws NullPointerException if a duration or the outcome is null
     */
    public JobScript {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(queuedFor, "queuedFor");
        Objects.requireNonNull(processingFor, "processingFor");
        Objects.requireNonNull(stallFor, "stallFor");
        appendBytes = appendBytes == null ? new byte[0] : appendBytes.clone();
    }

    /** @return a copy of the bytes served after the file */
    @Override
    public byte[] appendBytes() {
        return appendBytes.clone();
    }

    /** @return whether {@code o} is a script of the same behaviour (appended bytes compared by content) */
    @Override
    public boolean equals(Object o) {
        return o instanceof JobScript s && outcome == s.outcome && queuedFor.equals(s.queuedFor)
                && processingFor.equals(s.processingFor) && events == s.events && cutAfterBytes == s.cutAfterBytes
                && cutTimes == s.cutTimes && stallAfterBytes == s.stallAfterBytes && stallFor.equals(s.stallFor)
                && stallTimes == s.stallTimes && truncateBytes == s.truncateBytes && flipByteAt == s.flipByteAt
                && Objects.equals(bogusStatus, s.bogusStatus) && Arrays.equals(appendBytes, s.appendBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, queuedFor, processingFor, events, cutAfterBytes, cutTimes, stallAfterBytes,
                stallFor, stallTimes, truncateBytes, flipByteAt, bogusStatus) * 31 + Arrays.hashCode(appendBytes);
    }

    @Override
    public String toString() {
        return "JobScript[" + outcome + ", queued " + queuedFor + ", processing " + processingFor + ", events "
                + events + ", cut " + cutAfterBytes + "×" + cutTimes + ", stall " + stallAfterBytes + "×" + stallTimes
                + ", truncate " + truncateBytes + ", flip " + flipByteAt + ", bogus " + bogusStatus + ", append "
                + appendBytes.length + " bytes]";
    }

    /** @return a job that is queued for 1 s, processes for 2 s and completes, without faults */
    public static JobScript completed() {
        return new JobScript(Outcome.COMPLETED, Duration.ofSeconds(1), Duration.ofSeconds(2), -1, -1, 0, -1,
                Duration.ZERO, 0, 0, -1, null, new byte[0]);
    }

    /** @return a builder starting from {@link #completed()} */
    public static Builder builder() {
        return new Builder(completed());
    }

    /** @return a builder starting from this script */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link JobScript}. */
    public static final class Builder {
        private Outcome outcome;
        private Duration queuedFor;
        private Duration processingFor;
        private long events;
        private long cutAfterBytes;
        private int cutTimes;
        private long stallAfterBytes;
        private Duration stallFor;
        private int stallTimes;
        private long truncateBytes;
        private long flipByteAt;
        private String bogusStatus;
        private byte[] appendBytes;

        private Builder(JobScript s) {
            outcome = s.outcome;
            queuedFor = s.queuedFor;
            processingFor = s.processingFor;
            events = s.events;
            cutAfterBytes = s.cutAfterBytes;
            cutTimes = s.cutTimes;
            stallAfterBytes = s.stallAfterBytes;
            stallFor = s.stallFor;
            stallTimes = s.stallTimes;
            truncateBytes = s.truncateBytes;
            flipByteAt = s.flipByteAt;
            bogusStatus = s.bogusStatus;
            appendBytes = s.appendBytes;
        }

        /**
         * @param o what the job ends as
         * @return this builder
         */
        public Builder outcome(Outcome o) {
            outcome = o;
            return this;
        }

        /**
         * @param queued     time the job spends queued (simulator clock)
         * @param processing time it then spends processing (simulator clock)
         * @return this builder
         */
        public Builder timeline(Duration queued, Duration processing) {
            queuedFor = queued;
            processingFor = processing;
            return this;
        }

        /**
         * @param n events in the job's file; {@code -1} for the simulator's default
         * @return this builder
         */
        public Builder events(long n) {
            events = n;
            return this;
        }

        /**
         * @param afterBytes body bytes served before the connection is closed; {@code -1} never
         * @param times      how many download responses are cut
         * @return this builder
         */
        public Builder cut(long afterBytes, int times) {
            cutAfterBytes = afterBytes;
            cutTimes = times;
            return this;
        }

        /**
         * @param afterBytes body bytes served before the response stalls; {@code -1} never
         * @param duration   how long it stalls (real time: the client sees a silent socket)
         * @param times      how many download responses stall
         * @return this builder
         */
        public Builder stall(long afterBytes, Duration duration, int times) {
            stallAfterBytes = afterBytes;
            stallFor = duration;
            stallTimes = times;
            return this;
        }

        /**
         * @param bytes bytes left off the end of the served file, HTTP-complete; 0 for the whole file
         * @return this builder
         */
        public Builder truncate(long bytes) {
            truncateBytes = bytes;
            return this;
        }

        /**
         * @param offset offset of the byte served flipped, HTTP-complete; {@code -1} never
         * @return this builder
         */
        public Builder flipByteAt(long offset) {
            flipByteAt = offset;
            return this;
        }

        /**
         * @param status a {@code status} value outside the documented set to answer, or {@code null} for the real one
         * @return this builder
         */
        public Builder bogusStatus(String status) {
            bogusStatus = status;
            return this;
        }

        /**
         * @param bytes bytes served after the file, HTTP-complete; copied, not null
         * @return this builder
         */
        public Builder appendBytes(byte[] bytes) {
            appendBytes = bytes.clone();
            return this;
        }

        /** @return the script */
        public JobScript build() {
            return new JobScript(outcome, queuedFor, processingFor, events, cutAfterBytes, cutTimes,
                    stallAfterBytes, stallFor, stallTimes, truncateBytes, flipByteAt, bogusStatus, appendBytes);
        }
    }
}
