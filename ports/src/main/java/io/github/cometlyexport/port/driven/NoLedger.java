package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@link TrackExportDaysPort#none()}: no state at all. */
final class NoLedger implements TrackExportDaysPort {
    static final NoLedger INSTANCE = new NoLedger();

    private NoLedger() {
    }

    @Override
    public Optional<DayLease> claim(DayKey day) {
        DayRecord blank = new DayRecord(day, DayState.CLAIMED, null, false, 0, null, null, null, null, Instant.EPOCH);
        return Optional.of(new DayLease() {
            @Override
            public DayRecord claimed() {
                return blank;
            }

            @Override
            public void recordJob(ExportJobId id, int attempts, boolean provisional) {
            }

            @Override
            public void recordState(DayState state) {
            }

            @Override
            public void confirm() {
            }

            @Override
            public void recordStored(StoredExport stored) {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Optional<DayRecord> read(DayKey day) {
        return Optional.empty();
    }

    @Override
    public List<DayRecord> list(LocalDate from, LocalDate to, String dataset) {
        return List.of();
    }

    @Override
    public String describe() {
        return "none";
    }
}
