package io.github.cometlyexport.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the ledger knows about one day: its job, how far it got, who holds it and what was stored.
 *
 * @param key            the day
 * @param state          how far the work got
 * @param exportId       the day's current job, or {@code null} before the first create answered
 * @param attempts       jobs created or resumed for the day, over every run
 * @param holder         the process that holds the day (host, pid and a random part), or {@code null} when free
 * @param leaseExpiresAt when the holder's lease runs out unless renewed, or {@code null} when free
 * @param location       where the stored file is, or {@code null} before it is stored
 * @param sha256         the stored file's SHA-256, or {@code null} before it is stored
 * @param updatedAt      when the record last changed (the ledger's clock)
 */
public record DayRecord(DayKey key, DayState state, ExportJobId exportId, int attempts, String holder,
                        Instant leaseExpiresAt, String location, String sha256, Instant updatedAt) {

    /** @throws NullPointerException if the key, state or update time is null */
    public DayRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the recorded job, when it may still deliver the day */
    public java.util.Optional<ExportJobId> resumableJob() {
        return exportId != null && state.resumable() ? java.util.Optional.of(exportId) : java.util.Optional.empty();
    }
}
