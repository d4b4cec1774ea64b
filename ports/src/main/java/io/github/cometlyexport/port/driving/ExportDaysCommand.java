package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A range of days of one table to export.
 *
 * @param table        the table: the dataset and filters of this request (its date is ignored; each day of the
 *                     range gets its own request with the same filters)
 * @param from         the first day, inclusive
 * @param to           the last day, inclusive, or {@code null} for the last closed day
 * @param partial      whether days that are not closed yet are exported as provisional ({@code false}: they are
 *                     answered {@link DayResult.Open} with no request)
 * @param refreshLast  the range's last this many closed days (counted back from {@code to}, or from the last closed
 *                     day when {@code to} is not closed yet) are exported again even when stored (late data), each
 *                     replaced in one step; 0 for none
 * @param heldWait     how long to keep asking for a day another process of the ledger holds before answering
 *                     {@link DayResult.HeldElsewhere}; {@link Duration#ZERO} answers at once
 * @param listener     hears every job's progress and every day's result ({@code null}: nobody)
 * @param stopCreating asked before each day is begun and before each job is created or resumed: once it answers
 *                     {@code true}, no further day is begun and no job created or resumed (each such day is
 *                     {@link DayResult.Failed} with an {@code ExportInterruptedException} and no attempt), while the
 *                     days already in flight are polled, downloaded and stored as usual (a create already waiting
 *                     for the create budget is not called back); a host stopping gracefully
 *                     sets it, lets the run end, and interrupts the run's thread only if that takes too long
 *                     ({@code null}: never)
 */
public record ExportDaysCommand(ExportRequest table, LocalDate from, LocalDate to, boolean partial, int refreshLast,
                                Duration heldWait, ExportProgressListener listener, BooleanSupplier stopCreating) {

    /**
     * Checks the range and the counts, and stands in a listener that hears nothing for a missing one.
     *
     * @param table       the table: the dataset and filters of this request (its date is ignored); not null
     * @param from        the first day, inclusive; not null
     * @param to          the last day, inclusive, or {@code null} for the last closed day
     * @param partial     whether days that are not closed yet are exported as provisional
     * @param refreshLast how many of the range's last closed days are exported again even when stored; not negative
     * @param heldWait    how long to keep asking for a day another process holds; not null, not negative
     * @param listener    hears every job's progress and every day's result, or {@code null} for nobody
     * @param stopCreating once {@code true}, no further day is begun nor job created, or {@code null} for never
     * @throws NullPointerException     if the table, {@code from} or {@code heldWait} is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}, {@code refreshLast} or {@code heldWait}
     *                                  is negative
     */
    public ExportDaysCommand {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(heldWait, "heldWait");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        if (refreshLast < 0) {
            throw new IllegalArgumentException("refreshLast must not be negative, was " + refreshLast);
        }
        if (heldWait.isNegative()) {
            throw new IllegalArgumentException("heldWait must not be negative, was " + heldWait);
        }
        listener = listener == null ? ExportProgressListener.NONE : listener;
        stopCreating = stopCreating == null ? NEVER : stopCreating;
    }

    private static final BooleanSupplier NEVER = () -> false;

    /**
     * A command that is never stopped (see the canonical constructor for each argument).
     *
     * @param table       the table: the dataset and filters of this request (its date is ignored); not null
     * @param from        the first day, inclusive; not null
     * @param to          the last day, inclusive, or {@code null} for the last closed day
     * @param partial     whether days that are not closed yet are exported as provisional
     * @param refreshLast how many of the range's last closed days are exported again even when stored; not negative
     * @param heldWait    how long to keep asking for a day another process holds; not null, not negative
     * @param listener    hears every job's progress and every day's result, or {@code null} for nobody
     */
    public ExportDaysCommand(ExportRequest table, LocalDate from, LocalDate to, boolean partial, int refreshLast,
                             Duration heldWait, ExportProgressListener listener) {
        this(table, from, to, partial, refreshLast, heldWait, listener, null);
    }

    /**
     * @param table the table (its request's date is the only day)
     * @return one closed day, skipped when stored, not waiting for a day another process holds
     */
    public static ExportDaysCommand day(ExportRequest table) {
        return new ExportDaysCommand(table, table.date(), table.date(), false, 0, Duration.ZERO, null);
    }

    /**
     * @param table the table
     * @param from  the first day
     * @param to    the last day, or {@code null} for the last closed day
     * @return closed days only, skipped when stored, not waiting for days other processes hold
     */
    public static ExportDaysCommand range(ExportRequest table, LocalDate from, LocalDate to) {
        return new ExportDaysCommand(table, from, to, false, 0, Duration.ZERO, null);
    }

    /**
     * @param value whether days that are not closed yet are exported as provisional
     * @return a copy of this command with that choice
     */
    public ExportDaysCommand withPartial(boolean value) {
        return new ExportDaysCommand(table, from, to, value, refreshLast, heldWait, listener, stopCreating);
    }

    /**
     * @param days how many of the range's last closed days to export again even when stored; not negative
     * @return a copy of this command with that count
     */
    public ExportDaysCommand withRefreshLast(int days) {
        return new ExportDaysCommand(table, from, to, partial, days, heldWait, listener, stopCreating);
    }

    /**
     * @param wait how long to keep asking for a day another process holds; not negative
     * @return a copy of this command with that wait
     */
    public ExportDaysCommand withHeldWait(Duration wait) {
        return new ExportDaysCommand(table, from, to, partial, refreshLast, wait, listener, stopCreating);
    }

    /**
     * @param value hears every job's progress and every day's result, or {@code null} for nobody
     * @return a copy of this command with that listener
     */
    public ExportDaysCommand withListener(ExportProgressListener value) {
        return new ExportDaysCommand(table, from, to, partial, refreshLast, heldWait, value, stopCreating);
    }

    /**
     * @param value once {@code true}, no further day is begun nor job created or resumed; the days in flight finish
     *              ({@code null}: never)
     * @return a copy of this command with that signal
     */
    public ExportDaysCommand withStopCreating(BooleanSupplier value) {
        return new ExportDaysCommand(table, from, to, partial, refreshLast, heldWait, listener, value);
    }
}
