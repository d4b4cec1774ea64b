package io.github.cometlyexport.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the ledger knows about one day: its job, how far it got, who holds it and what was stored.
 *
 * @param key            the day
 * @param state          how far the work got
 * @param exportId       the day's current job, or {@code null} before the first create answered
 * @param jobProvisional whether that job was created while its day was still open: it can deliver only a
 *                       provisional file, never the final one (a job's file holds what had arrived when it ran)
 * @param attempts       jobs created or resumed for the day, over every run
 * @param holder         the process that holds the day (host, pid and a random part), or {@code null} when free
 * @param leaseExpiresAt when the holder's lease runs out unless renewed, or {@code null} when free
 * @param location       where the stored file is, or {@code null} before it is stored
 * @param sha256         the stored file's SHA-256, or {@code null} before it is stored
 * @param updatedAt      when the record last changed (the ledger's clock)
 */
public record DayRecord(DayKey key, DayState state, ExportJobId exportId, boolean jobProvisional, int attempts, String holder,
                        Instant leaseExpiresAt, String location, String sha256, Instant updatedAt) {

    /**
     * Checks the parts every record has.
     *
     * @param key            the day; not null
     * @param state          how far the work got; not null
     * @param exportId       the day's current job, or {@code null} before the first create answered
     * @param jobProvisional whether that job was created while its day was still open
     * @param attempts       jobs created or resumed for the day, over every run
     * @param holder         the process that holds the day, or {@code null} when free
     * @param leaseExpiresAt when the holder's lease runs out unless renewed, or {@code null} when free
     * @param location       where the stored file is, or {@code null} before it is stored
     * @param sha256         the stored file's SHA-256, or {@code null} before it is stored
     * @param updatedAt      when the record last changed (the ledger's clock); not null
     * @throws NullPointerException if the key, state or update time is null
     */
    public DayRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * @param forFinal whether the day is closed, so that only a final file may come of the job
     * @return the recorded job, when it may still deliver the day: not failed or gone, and for a final file not one
     *         created while the day was open (that job is replaced instead)
     */
    public java.util.Optional<ExportJobId> resumableJob(boolean forFinal) {
        return exportId != null && state.resumable() && !(forFinal && jobProvisional)
                ? java.util.Optional.of(exportId) : java.util.Optional.empty();
    }
}
