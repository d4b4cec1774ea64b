package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The ledger: what every process that shares it knows about each day's work — the job created for it (recorded as
 * soon as the create answers), its state, attempts, which process holds the day, and what was stored. A process
 * claims a day before working on it, so two processes never work the same day at once; a day whose holder died is
 * claimed again once the holder's lease expires, and its recorded job is resumed instead of creating another.
 * Implementations are thread-safe.
 */
public interface TrackExportDaysPort {

    /**
     * Claims a day for this process. The returned lease is kept alive until closed.
     *
     * @param day the day
     * @return the lease, or empty while another process holds the day (its lease not expired)
     * @throws ExportLedgerException if the ledger cannot be read or written
     */
    Optional<DayLease> claim(DayKey day);

    /**
     * @param day the day
     * @return what the ledger knows about it, or empty if nothing
     * @throws ExportLedgerException if the ledger cannot be read
     */
    Optional<DayRecord> read(DayKey day);

    /**
     * @param from    the first day, inclusive, or {@code null} for no bound
     * @param to      the last day, inclusive, or {@code null} for no bound
     * @param dataset only this dataset's tables, or {@code null} for all
     * @return every record of those days, of every Space and table, by day, then Space, destination and table
     * @throws ExportLedgerException if the ledger cannot be read
     */
    List<DayRecord> list(LocalDate from, LocalDate to, String dataset);

    /** @return where the ledger is, for people: no password, no key */
    String describe();

    /**
     * @return a ledger that keeps nothing: every claim succeeds, nothing is recorded or read (one process, no
     *         resume; {@code --ledger none})
     */
    static TrackExportDaysPort none() {
        return NoLedger.INSTANCE;
    }
}
