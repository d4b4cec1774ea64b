package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A ledger in memory for service tests: records, and holders that tests can set or take away. */
final class InMemoryLedger implements TrackExportDaysPort {
    final Map<DayKey, DayRecord> records = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Days with an open lease. */
    private final java.util.Set<DayKey> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;
    /** The holder this process claims as. */
    private final String me = "me";
    /** When set, the next confirm finds the day taken over by this holder. */
    String takenOverBy;
    /** Runs at the start of each claim: another process's work while this one waited. */
    Runnable beforeClaim = () -> { };

    InMemoryLedger(Clock clock) {
        this.clock = clock;
    }

    void put(DayRecord record) {
        records.put(record.key(), record);
    }

    @Override
    public synchronized Optional<DayLease> claim(DayKey day) {
        beforeClaim.run();
        DayRecord r = records.get(day);
        // Like the JDBC ledger: one open lease per day in this process too (a second thread finds the day held).
        if (r != null && r.holder() != null && !r.holder().equals(me) || open.contains(day)) {
            return Optional.empty();
        }
        open.add(day);
        DayRecord claimed = r == null ? new DayRecord(day, DayState.CLAIMED, null, false, 0, me, clock.instant(), null,
                null, clock.instant()) : with(r, r.state(), r.exportId(), r.attempts(), me);
        records.put(day, claimed);
        events.add("claim");
        return Optional.of(new DayLease() {
            @Override
            public DayRecord claimed() {
                return claimed;
            }

            @Override
            public void recordJob(ExportJobId id, int attempts, boolean provisional) {
                DayRecord now = held();
                records.put(day, new DayRecord(day, DayState.QUEUED, id, provisional, attempts, me, clock.instant(),
                        now.location(), now.sha256(), clock.instant()));
                events.add("job " + id.value() + " #" + attempts);
            }

            @Override
            public void recordState(DayState state) {
                DayRecord now = held();
                update(state, now.exportId(), now.attempts());
                events.add(state.wireName());
            }

            @Override
            public void confirm() {
                held();
                events.add("confirm");
            }

            @Override
            public void recordStored(StoredExport stored) {
                DayRecord now = held();
                records.put(day, new DayRecord(day, DayState.STORED, now.exportId(), now.jobProvisional(), now.attempts(), me, null,
                        stored.location(), stored.manifest().sha256(), clock.instant()));
                events.add("stored");
            }

            @Override
            public void close() {
                open.remove(day);
                DayRecord now = records.get(day);
                if (me.equals(now.holder())) {
                    records.put(day, with(now, now.state(), now.exportId(), now.attempts(), null));
                }
                events.add("release");
            }

            private DayRecord held() {
                if (takenOverBy != null) {
                    DayRecord now = records.get(day);
                    records.put(day, with(now, now.state(), now.exportId(), now.attempts(), takenOverBy));
                    takenOverBy = null;
                }
                DayRecord now = records.get(day);
                if (!me.equals(now.holder())) {
                    throw new ExportLedgerException("lost " + day.day() + " to " + now.holder(), null, true);
                }
                return now;
            }

            private void update(DayState state, ExportJobId id, int attempts) {
                DayRecord now = held();
                records.put(day, with(now, state, id, attempts, me));
            }
        });
    }

    private DayRecord with(DayRecord r, DayState state, ExportJobId id, int attempts, String holder) {
        return new DayRecord(r.key(), state, id, r.jobProvisional() && id != null && id.equals(r.exportId()), attempts, holder, holder == null ? null : clock.instant(),
                r.location(), r.sha256(), clock.instant());
    }

    @Override
    public Optional<DayRecord> read(DayKey day) {
        return Optional.ofNullable(records.get(day));
    }

    @Override
    public List<DayRecord> list(LocalDate from, LocalDate to, String dataset) {
        return List.copyOf(records.values());
    }

    @Override
    public String describe() {
        return "in memory";
    }
}
