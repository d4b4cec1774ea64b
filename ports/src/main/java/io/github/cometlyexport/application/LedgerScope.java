package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where an export service records its days: the ledger, and the Space and destination that, with a table and a
 * day, name each record.
 *
 * @param ledger      the ledger ({@link TrackExportDaysPort#none()} for none)
 * @param space       the Space ({@link DayKey#space})
 * @param destination the destination: its store's canonical {@code location()}
 */
public record LedgerScope(TrackExportDaysPort ledger, String space, String destination) {

    /**
     * Checks that every part is given.
     *
     * @param ledger      the ledger; not null ({@link TrackExportDaysPort#none()} for none)
     * @param space       the Space's name in the ledger ({@link DayKey#space}); not null
     * @param destination the destination's canonical {@code location()}; not null
     * @throws NullPointerException if a component is null
     */
    public LedgerScope {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(destination, "destination");
    }

    /** @return a scope that records nothing */
    public static LedgerScope none() {
        return new LedgerScope(TrackExportDaysPort.none(), "", "");
    }

    DayKey key(TableDefinition table, LocalDate day) {
        return DayKey.of(space, destination, table, day);
    }
}
