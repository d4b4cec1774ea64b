package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driving.DayResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of a day: is there anything to do, and may this process do it? A day stored and verified (final,
 * or provisional while it is open) needs nothing unless refreshed; otherwise the day is claimed in the ledger, and
 * what another process did while this one waited for it is looked at again under the claim.
 */
final class DayClaims {
    private final StoreExportFilePort store;
    private final LedgerScope ledger;
    private final DayClosure closure;

    DayClaims(StoreExportFilePort store, LedgerScope ledger, DayClosure closure) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.closure = Objects.requireNonNull(closure, "closure");
    }

    /** What the first step found. */
    sealed interface Start permits Start.Done, Start.Held, Start.Claimed {
        /** Nothing to do: the day's result. */
        record Done(DayResult result) implements Start {
        }

        /**
         * Another process holds the day.
         *
         * @param before what the day held before this process first asked for it (for a refresh; empty otherwise)
         */
        record Held(DayRecord record, Optional<DayRecord> before) implements Start {
        }

        /** This process holds the day and has work to do: its job to create or resume. */
        record Claimed(DayLease lease, DayRecord record, boolean closed) implements Start {
        }
    }

    /**
     * @param request the day's request
     * @param partial whether an open day may be exported (as provisional)
     * @param refresh whether a stored day is exported again
     * @param now     the current instant
     * @param known   what the day held when this process first asked for it ({@link Start.Held#before}), or
     *                {@code null} on the first ask: a refresh skips the day only if another process stored
     *                another file since then
     * @return what to do with the day; a {@link Start.Claimed} lease is the caller's to close
     */
    Start begin(ExportRequest request, boolean partial, boolean refresh, Instant now, Optional<DayRecord> known) {
        boolean closed = closure.isClosed(request.date(), now);
        if (!closed && !partial) {
            return new Start.Done(new DayResult.Open(request.date(), closure.closesAt(request.date())));
        }
        Optional<StoredExport> done = refresh ? Optional.empty() : usable(request, closed);
        if (done.isPresent()) {
            return new Start.Done(new DayResult.Skipped(request.date(), done.get()));
        }
        DayKey key = ledger.key(TableDefinition.of(request), request.date());
        // What the day held before this process waited for it: its job and its file's SHA-256, never a time that
        // every lease write moves (the claim itself would then look like another process's refresh).
        Optional<DayRecord> before = known != null ? known
                : refresh ? ledger.ledger().read(key) : Optional.empty();
        Optional<DayLease> claim = ledger.ledger().claim(key);
        if (claim.isEmpty()) {
            return new Start.Held(held(key, now), before);
        }
        DayLease lease = claim.get();
        try {
            DayRecord record = lease.claimed();
            // Another process may have finished the day (or refreshed it) while this one waited for it.
            Optional<StoredExport> doneMeanwhile = !refresh ? usable(request, closed)
                    : storedAnotherFile(before, record) ? usable(request, closed) : Optional.empty();
            if (doneMeanwhile.isPresent()) {
                lease.close();
                return new Start.Done(new DayResult.Skipped(request.date(), doneMeanwhile.get()));
            }
            return new Start.Claimed(lease, record, closed);
        } catch (RuntimeException | Error e) {
            lease.close();
            throw e;
        }
    }

    /** @return the day's record for a day another process holds (a blank one if the ledger forgot it meanwhile) */
    DayRecord held(DayKey key, Instant now) {
        return ledger.ledger().read(key).orElseGet(() -> new DayRecord(key, DayState.CLAIMED, null, false, 0, null,
                null, null, null, now));
    }

    /** @return the day's key in the ledger */
    DayKey key(ExportRequest request) {
        return ledger.key(TableDefinition.of(request), request.date());
    }

    /** @return the stored file, when it is verified and final (or provisional while the day is open) */
    private Optional<StoredExport> usable(ExportRequest request, boolean closed) {
        return store.findStored(request).filter(s -> !(s.manifest().provisional() && closed));
    }

    /**
     * @return whether the day, as claimed, holds a stored file other than the one it held before this process waited
     *         for it (another job, or other bytes): another process stored or refreshed it meanwhile
     */
    private static boolean storedAnotherFile(Optional<DayRecord> before, DayRecord claimed) {
        if (claimed.state() != DayState.STORED) {
            return false;
        }
        return before.filter(b -> b.state() == DayState.STORED && Objects.equals(b.exportId(), claimed.exportId())
                && Objects.equals(b.sha256(), claimed.sha256())).isEmpty();
    }
}
