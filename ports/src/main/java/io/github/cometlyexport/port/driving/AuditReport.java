package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.TableDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an audit found: one row per day of the range, in date order, and the table's own problems.
 *
 * @param dataset       the table's dataset
 * @param location      the store's canonical name
 * @param deep          whether data files were read through
 * @param definition    the table's definition as {@code _table.json} holds it, or {@code null} when absent or
 *                      unreadable (a repair's {@code backfill} needs its filters and format)
 * @param tableProblems what is wrong with the table's definition ({@code _table.json} absent with days stored,
 *                      unreadable, or not what the manifests say); empty when nothing is
 * @param days          one row per day of the range
 */
public record AuditReport(Dataset dataset, String location, boolean deep, TableDefinition definition,
                          List<String> tableProblems,
                          List<Day> days) {

    /** A day's state. */
    public enum State {
        /** Closed (or provisional on purpose) and stored as its manifest says. */
        STORED,
        /** Stored as provisional: exported before the day closed, to be replaced once it has. */
        PROVISIONAL,
        /** Closed and not stored (no partition, or a partition without data file or manifest). */
        MISSING,
        /** Not closed yet and not stored: nothing to expect. */
        OPEN,
        /** Not what it claims: unreadable manifest, data file absent or of another size or hash, extra files. */
        DAMAGED;

        /** @return the name in output: {@code stored}, {@code provisional}, … */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A warning about a day that is stored and undamaged but looks implausible. */
    public enum Warning {
        /** Far fewer lines than the days before it. */
        LOW_VOLUME,
        /** Keys that earlier days lacked, or lacks keys every earlier day had (deep audits only). */
        SCHEMA_DRIFT;

        /** @return the name in output: {@code low_volume}, {@code schema_drift} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One day's row.
     *
     * @param day      the day
     * @param closed   whether the day is closed
     * @param state    its state
     * @param lines    its line count as the manifest (or, for a deep audit, the file) says, or {@code null} when
     *                 unknown
     * @param problems why it is damaged or missing, for people; empty otherwise
     * @param strays   visible names in its partition other than its one data file (query engines read them too)
     * @param warnings its warnings
     * @param notes    what each warning is about, for people
     */
    public record Day(LocalDate day, boolean closed, State state, Long lines, List<String> problems,
                      List<String> strays, List<Warning> warnings, List<String> notes) {
        /**
         * Copies the lists.
         *
         * @param day      the day; not null
         * @param closed   whether it is closed
         * @param state    its state; not null
         * @param lines    its line count, or {@code null}
         * @param problems why it is damaged or missing; copied
         * @param strays   stray visible names; copied
         * @param warnings its warnings; copied
         * @param notes    what the warnings are about; copied
         */
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(state, "state");
            problems = List.copyOf(problems);
            strays = List.copyOf(strays);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }

        /** @return whether a backfill of the day repairs it: missing, damaged, or provisional though closed */
        public boolean needsExport() {
            return closed && (state == State.MISSING || state == State.PROVISIONAL
                    || state == State.DAMAGED && !problems.isEmpty());
        }

        /** @return whether the day is not as it should be: it needs an export, or holds stray files */
        public boolean failed() {
            return needsExport() || !strays.isEmpty();
        }
    }

    /**
     * Copies the lists.
     *
     * @param dataset       the dataset; not null
     * @param location      the store's name; not null
     * @param deep          whether files were read
     * @param definition    the table's definition, or {@code null}
     * @param tableProblems the table's problems; copied
     * @param days          the rows; copied
     */
    public AuditReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(location, "location");
        tableProblems = List.copyOf(tableProblems);
        days = List.copyOf(days);
    }

    /** @return whether every closed day is stored and undamaged and the table's definition is sound */
    public boolean clean() {
        return tableProblems.isEmpty() && days.stream().noneMatch(Day::failed);
    }

    /** @return whether any day has a warning */
    public boolean warned() {
        return days.stream().anyMatch(d -> !d.warnings().isEmpty());
    }

    /**
     * @return the smallest range of days whose backfill repairs every day that needs an export (missing, damaged,
     *         provisional though closed), or empty when none does
     */
    public Optional<List<LocalDate>> repairRange() {
        List<LocalDate> need = days.stream().filter(Day::needsExport).map(Day::day).toList();
        return need.isEmpty() ? Optional.empty() : Optional.of(List.of(need.get(0), need.get(need.size() - 1)));
    }
}
