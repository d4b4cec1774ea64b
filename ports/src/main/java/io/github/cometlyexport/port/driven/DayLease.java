package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;

/**
 * This process's hold on one day of the ledger. While it is open the ledger adapter renews it well before it
 * expires; {@link #close()} gives the day up. Every record is written only if this process still holds the day (the
 * owner is checked in the same transaction), so a process that was paused past its lease cannot record over the
 * one that took the day over. Used by one thread at a time.
 */
public interface DayLease extends AutoCloseable {

    /** @return the day's record as it was when this lease was taken (the job a dead holder left, say) */
    DayRecord claimed();

    /**
     * Records a job the moment its create answered, so that a process killed right after can resume it.
     *
     * @param id          the new job
     * @param attempts    jobs created or resumed for the day so far, this one included
     * @param provisional whether the job was created while its day was open (it may then deliver only a
     *                    provisional file: {@link DayRecord#jobProvisional()})
     * @throws ExportLedgerException if the ledger failed or the lease is lost
     */
    void recordJob(ExportJobId id, int attempts, boolean provisional);

    /**
     * @param state how far the day's job got
     * @throws ExportLedgerException if the ledger failed or the lease is lost
     */
    void recordState(DayState state);

    /**
     * Checks, and renews, the hold right now: called just before the day's file is published.
     *
     * @throws ExportLedgerException if the ledger failed or the lease is lost
     */
    void confirm();

    /**
     * Records the stored file; the day counts as {@link DayState#STORED}.
     *
     * @param stored what was stored
     * @throws ExportLedgerException if the ledger failed or the lease is lost
     */
    void recordStored(StoredExport stored);

    /** Gives the day up (other processes may claim it at once); never throws. */
    @Override
    void close();
}
