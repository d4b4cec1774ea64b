package io.github.cometlyexport.spring;

import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driving.DayResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runs of each table ended with, for the health indicator: when a run last succeeded, when the last one
 * ended, whether it found the key refused, and what went wrong (a type and a kind, never a message: no secret can
 * reach a health endpoint through it). Thread-safe.
 */
public final class ExportRunLog {
    /**
     * One table's runs so far.
     *
     * @param lastSuccess when a run last ended with every day stored, skipped, open or held by another process, or
     *                    {@code null}
     * @param lastRun     when the last run ended
     * @param keyRefused  whether the last run was refused the key (401 or 403)
     * @param problem     what went wrong in the last run (a type, with the API's refusal kind), or {@code null}
     */
    public record TableRuns(Instant lastSuccess, Instant lastRun, boolean keyRefused, String problem) {
    }

    private final Instant started;
    private final Map<String, TableRuns> tables = new ConcurrentHashMap<>();

    /** @param started when the application started: a table's age is counted from it until its first success */
    public ExportRunLog(Instant started) {
        this.started = started;
    }

    /** @return when the application started */
    public Instant started() {
        return started;
    }

    /** @return each table's runs so far, by name (tables not run yet are absent) */
    public Map<String, TableRuns> tables() {
        return Map.copyOf(tables);
    }

    /**
     * @param table the table's name
     * @return its runs so far, if it ran
     */
    public Optional<TableRuns> table(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    /**
     * @param table   the table's name
     * @param at      when the run ended
     * @param results its days' results
     */
    void ended(String table, Instant at, List<DayResult> results) {
        String problem = null;
        boolean refused = false;
        for (DayResult r : results) {
            Throwable cause = r instanceof DayResult.Failed f ? f.cause() : null;
            if (cause != null || r instanceof DayResult.JobFailed || r instanceof DayResult.GaveUp) {
                String p = cause == null ? r.getClass().getSimpleName() : describe(cause);
                problem = problem == null ? p : problem;
                refused |= refused(cause);
            }
        }
        record(table, at, problem == null, refused, problem);
    }

    /**
     * @param table  the table's name
     * @param at     when the run ended
     * @param thrown what ended it
     */
    void failed(String table, Instant at, Throwable thrown) {
        record(table, at, false, refused(thrown), describe(thrown));
    }

    private void record(String table, Instant at, boolean ok, boolean refused, String problem) {
        tables.compute(table, (k, was) -> new TableRuns(ok ? at : was == null ? null : was.lastSuccess(), at, refused,
                problem));
    }

    private static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ExportApiException api && (api.kind() == ExportApiException.Kind.UNAUTHORIZED
                    || api.kind() == ExportApiException.Kind.FORBIDDEN)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return t instanceof ExportApiException api ? "ExportApiException " + api.kind() : t.getClass().getSimpleName();
    }
}
