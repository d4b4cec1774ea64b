package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.InvalidExportRequestException;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;

/**
 * Exports a range of days of one table, as a pipeline ({@link DayPipeline}): jobs created as fast as the create
 * budget allows up to a cap of jobs in flight, one poller for all of them, a bounded pool of downloads. Each day:
 * a day that is not closed is {@link DayResult.Open} unless the command allows provisional files; a day stored and
 * verified is skipped unless it is among the last days refreshed; otherwise the day is claimed in the ledger (held
 * by another process: asked for again, as long as the command waits), its recorded job resumed or a job created and
 * recorded as the create answers, awaited, downloaded, verified and stored; a failed job, a completed one whose
 * file is gone, and a recorded job of the open day once the day is closed are replaced, as the replacement policy
 * allows. A job asked for while its day was open is stored as provisional. Thread-safe if its collaborators are.
 */
public final class ExportDaysService implements ExportDaysUseCase {
    private final StoreExportFilePort store;
    private final ExportPolicies policies;
    private final PipelinePolicy pipeline;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ThreadFactory threads;
    private final DayClaims claims;
    private final DayStages stages;

    /**
     * @param create   creates jobs (and paces them within the Space's create budget)
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param policies how to wait for, replace and download jobs, and which days are closed
     * @param pipeline how many jobs in flight and downloads at once, and the status budget's pace
     * @param clock    the time source
     * @param sleeper  every wait of the run (between polls, before replacing, before asking for a held day again);
     *                 it must let the clock move on by what it was asked to wait (a test's fake sleeper advances its
     *                 fake clock), or a stage waiting for work due later would wait forever
     * @param random   the jitter source
     * @param ledger   where days are claimed and their jobs recorded ({@link LedgerScope#none()} for nowhere)
     * @param threads  makes the run's poller and download threads
     */
    public ExportDaysService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                             StoreExportFilePort store, VerifyExportLinesPort lines, ExportPolicies policies,
                             PipelinePolicy pipeline, Clock clock, Sleeper sleeper, RandomGenerator random,
                             LedgerScope ledger, ThreadFactory threads) {
        this(create, fetch, download, store, lines, null, policies, pipeline, clock, sleeper, random, ledger, threads);
    }

    /**
     * The service for a store whose format is made from the verified lines by a converter (Parquet).
     *
     * @param create   creates jobs (and paces them within the Space's create budget)
     * @param fetch    reads job statuses (also to renew expired links)
     * @param download opens presigned links
     * @param store    keeps verified files
     * @param lines    checks and counts the file's lines
     * @param convert  converts the verified lines to the store's format, or {@code null} when the store keeps gzip
     *                 or NDJSON
     * @param policies how to wait for, replace and download jobs, and which days are closed
     * @param pipeline how many jobs in flight and downloads at once, and the status budget's pace
     * @param clock    the time source
     * @param sleeper  every wait of the run; it must let the clock move on by what it was asked to wait
     * @param random   the jitter source
     * @param ledger   where days are claimed and their jobs recorded ({@link LedgerScope#none()} for nowhere)
     * @param threads  makes the run's poller and download threads
     * @throws IllegalArgumentException if the store's format needs a converter and {@code convert} is not one to it
     */
    public ExportDaysService(CreateExportJobPort create, FetchExportJobPort fetch, DownloadExportFilePort download,
                             StoreExportFilePort store, VerifyExportLinesPort lines, ConvertExportFilePort convert,
                             ExportPolicies policies, PipelinePolicy pipeline, Clock clock, Sleeper sleeper,
                             RandomGenerator random, LedgerScope ledger, ThreadFactory threads) {
        this.store = Objects.requireNonNull(store, "store");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.claims = new DayClaims(store, Objects.requireNonNull(ledger, "ledger"), policies.closure());
        this.stages = new DayStages(create, fetch, new VerifiedDownloader(fetch, download, store, lines, convert, clock,
                sleeper), policies, pipeline, clock, random);
    }

    /**
     * @return threads for the runs when a host gives none: daemons (a run never keeps the JVM alive), named
     *         {@code cometly-days-N}
     */
    public static ThreadFactory daemonThreads() {
        return new RunThreads();
    }

    @Override
    public List<DayResult> exportDays(ExportDaysCommand command) {
        Instant started = clock.instant();
        TableDefinition table = TableDefinition.of(command.table(), store.format());
        table.conflictWith(store.claimTable(table)).ifPresent(conflict -> {
            throw new InvalidExportRequestException(List.of(conflict));
        });
        DayClosure closure = policies.closure();
        LocalDate lastClosed = closure.lastClosedDay(started);
        LocalDate last = command.to() != null ? command.to() : lastClosed;
        List<ExportRequest> days = new ArrayList<>();
        Set<LocalDate> refresh = new HashSet<>();
        // The refresh window counts back from the range's last closed day (its last day, when that is closed).
        LocalDate refreshFrom = (last.isAfter(lastClosed) ? lastClosed : last).minusDays(command.refreshLast() - 1L);
        for (LocalDate d = command.from(); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(command.table().toBuilder().date(d).build());
            if (command.refreshLast() > 0 && !d.isBefore(refreshFrom)) {
                refresh.add(d);
            }
        }
        return new DayPipeline(claims, stages, pipeline, clock, sleeper, threads, command.listener(),
                command.partial(), command.heldWait(), command.stopCreating()).run(days, refresh);
    }
}
