package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.JobWatch;
import io.github.cometlyexport.port.driven.DayLease;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One claimed day on its way through a run's stages: its lease, the job it waits for and what has been seen of it.
 * Held by one stage at a time; each hand-over goes through the run's lock, which orders the writes.
 */
final class DayJob {
    final ExportRequest request;
    final DayLease lease;
    final boolean closed;
    /** Whether the day is exported again even when stored. */
    final boolean refresh;
    /** Jobs created or resumed for the day in this run (what the replacement policy bounds). */
    int attempts;
    /** Jobs created or resumed for the day over every run (what the ledger records). */
    int total;
    /** The job the ledger recorded for the day, until it is resumed. */
    Optional<ExportJobId> resume;
    /** Whether the ledger's recorded job was created while the day was open. */
    final boolean resumeProvisional;
    ExportJobId id;
    boolean resumed;
    /** Whether the current job was asked for while its day was open: its file then holds only what had arrived. */
    boolean provisional;
    JobWatch watch;

    DayJob(ExportRequest request, DayLease lease, DayRecord record, boolean closed, boolean refresh) {
        this.refresh = refresh;
        this.request = Objects.requireNonNull(request, "request");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.closed = closed;
        this.total = record.attempts();
        this.resume = record.resumableJob(closed);
        this.resumeProvisional = record.jobProvisional();
    }

    LocalDate day() {
        return request.date();
    }
}
