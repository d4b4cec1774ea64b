package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.ExportException;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.ScanExportLinesPort;
import io.github.cometlyexport.port.driving.AuditReport;
import io.github.cometlyexport.port.driving.AuditTableCommand;
import io.github.cometlyexport.port.driving.AuditTableUseCase;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Audits a table from what its store holds: lists the range's partitions and reads their manifests (and, for a deep
 * audit, reads every data file through, a bounded number at once, each in constant memory), then judges each day
 * ({@link DayVerdicts}). Days are closed by the same {@link DayClosure} rule as exports. Thread-safe.
 */
public final class AuditTableService implements AuditTableUseCase {
    private final InspectTablePort table;
    private final ScanExportLinesPort scanner;
    private final Clock clock;
    private final int parallel;
    private final ThreadFactory threads;

    /**
     * @param table    the table's store, looked at
     * @param scanner  reads data files through for deep audits
     * @param clock    says which days are closed
     * @param parallel how many data files a deep audit reads at once, at least 1
     * @param threads  makes the deep audit's reading threads
     */
    public AuditTableService(InspectTablePort table, ScanExportLinesPort scanner, Clock clock, int parallel,
                             ThreadFactory threads) {
        this.table = Objects.requireNonNull(table, "table");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Objects.requireNonNull(threads, "threads");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        this.parallel = parallel;
    }

    /**
     * @param table   the table's store
     * @param scanner reads data files through
     * @param clock   says which days are closed
     * @return a service that reads up to as many files at once as there are processors (at most 8)
     */
    public static AuditTableService create(InspectTablePort table, ScanExportLinesPort scanner, Clock clock) {
        return new AuditTableService(table, scanner, clock,
                Math.min(8, Runtime.getRuntime().availableProcessors()), new RunThreads());
    }

    @Override
    public AuditReport audit(AuditTableCommand command) {
        Instant now = clock.instant();
        DayClosure closure = command.closure();
        Dataset dataset = command.dataset();
        LocalDate to = command.to() != null ? command.to() : now.atZone(closure.zone()).toLocalDate();
        if (to.isBefore(command.from())) {
            to = command.from();
        }
        InspectTablePort.TableFile file = table.table(dataset);
        TableDefinition definition = file.definition();
        StoredFormat format = definition != null ? definition.format() : StoredFormat.GZIP;
        Map<LocalDate, InspectTablePort.Partition> partitions = new HashMap<>();
        for (InspectTablePort.Partition p : table.partitions(dataset, command.from(), to)) {
            partitions.put(p.day(), p);
        }
        DayVerdicts verdicts = new DayVerdicts(dataset, format, definition, command.volume());
        Map<LocalDate, ScanExportLinesPort.Scan> scans = command.deep()
                ? scanAll(dataset, partitions, verdicts) : Map.of();
        List<AuditReport.Day> days = new ArrayList<>();
        for (LocalDate day = command.from(); !day.isAfter(to); day = day.plusDays(1)) {
            days.add(verdicts.judge(day, closure.isClosed(day, now), partitions.get(day), scans.get(day),
                    command.deep()));
        }
        List<String> tableProblems = new ArrayList<>();
        boolean anyStored = partitions.values().stream().anyMatch(p -> p.manifest() != null);
        if (!file.present() && anyStored) {
            tableProblems.add(dataset.wireName() + "/_table.json is missing (a backfill writes it)");
        } else if (file.present() && definition == null) {
            tableProblems.add(dataset.wireName() + "/_table.json is not a table definition; move it away");
        }
        long otherFilters = days.stream().filter(d -> d.problems().contains(DayVerdicts.OTHER_FILTERS)).count();
        if (otherFilters > 0) {
            tableProblems.add(otherFilters + (otherFilters == 1 ? " day was" : " days were")
                    + " exported with other filters than " + dataset.wireName() + "/_table.json says");
        }
        return new AuditReport(dataset, table.location(), command.deep(), definition, tableProblems, days);
    }

    /** Reads every day's data file that the manifest still describes by its size, {@code parallel} at once. */
    private Map<LocalDate, ScanExportLinesPort.Scan> scanAll(Dataset dataset,
                                                            Map<LocalDate, InspectTablePort.Partition> partitions,
                                                            DayVerdicts verdicts) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, threads);
        try {
            Map<LocalDate, Future<ScanExportLinesPort.Scan>> running = new HashMap<>();
            for (InspectTablePort.Partition p : partitions.values()) {
                String name = verdicts.dataName(p.day());
                Long size = p.visible().get(name);
                if (p.manifest() != null && size != null && size == p.manifest().bytes()) {
                    running.put(p.day(), pool.submit(() -> {
                        try (InputStream in = table.openVisible(dataset, p.day(), name)) {
                            return scanner.scan(in);
                        }
                    }));
                }
            }
            Map<LocalDate, ScanExportLinesPort.Scan> done = new HashMap<>();
            for (Map.Entry<LocalDate, Future<ScanExportLinesPort.Scan>> e : running.entrySet()) {
                done.put(e.getKey(), e.getValue().get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while reading the table's files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExportException failure) {
                throw failure;
            }
            throw new ExportStorageException("could not read a data file of " + table.location() + ": "
                    + e.getCause().getMessage(), e.getCause(), false);
        } finally {
            pool.shutdownNow();
        }
    }
}
