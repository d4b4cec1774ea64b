package io.github.cometlyexport.spring;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the days use case for every table: on {@code cometly.export.schedule.cron} (Spring's scheduler, one thread
 * of its own) and whenever the application calls {@link #runOnce()}. Runs never overlap in this process (a run asked
 * for while one is under way is skipped); the ledger keeps other processes off the days this one works.
 *
 * <p>On shutdown ({@link #stop()}, before the client is closed): no run starts, the run under way begins no day and
 * creates no job (a create already waiting for the Space's create budget goes out if the budget frees within the
 * grace; its job is recorded as ever), and the days in flight have {@code cometly.export.shutdown-grace} to be
 * stored; then the run is interrupted: its downloads end, its leases are given up, and its jobs, recorded in the
 * ledger as each create answered, are resumed by the next start.
 */
public final class CometlyExportRunner implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(CometlyExportRunner.class);
    /** After the interrupt, the longest wait for the run's threads (the core waits up to 30 s for its own). */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(45);

    private final CometlyExport client;
    private final CometlyExportTables tables;
    private final CometlyExportProperties props;
    private final Clock clock;
    private final ExportRunLog log;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Thread runThread;
    private volatile boolean started;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> schedule;

    /**
     * @param client the Space's client
     * @param tables the tables to fill
     * @param props  the schedule and the shutdown grace
     * @param clock  the time source (which days are closed, when runs ended)
     * @param log    where each table's run results go
     */
    CometlyExportRunner(CometlyExport client, CometlyExportTables tables, CometlyExportProperties props, Clock clock,
                        ExportRunLog log) {
        this.client = client;
        this.tables = tables;
        this.props = props;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Exports, for every table, the days from {@code cometly.export.schedule.from} (or the last closed days) to the
     * last closed day, stored days skipped and the last {@code refresh-days} exported again. Days another process
     * holds are left to it (their result says so). Each table's results go to the run log (the health indicator).
     *
     * @return each table's day results by name; empty if a run is already under way in this process, or the
     *         application is stopping
     */
    public Optional<Map<String, List<DayResult>>> runOnce() {
        if (stopping.get() || !running.tryLock()) {
            LOG.info("cometly export run skipped: {}", stopping.get() ? "stopping" : "a run is under way");
            return Optional.empty();
        }
        runThread = Thread.currentThread();
        try {
            Map<String, List<DayResult>> out = new LinkedHashMap<>();
            boolean ok = true;
            for (CometlyExportTables.Table table : tables.all().values()) {
                if (stopping.get()) {
                    break;
                }
                try {
                    List<DayResult> results = table.table().exportDays().exportDays(command(table));
                    log.ended(table.name(), clock.instant(), results);
                    LOG.info("cometly export of table {}: {}", table.name(), summary(results));
                    out.put(table.name(), results);
                    ok &= log.table(table.name()).map(r -> r.problem() == null).orElse(false);
                } catch (RuntimeException e) {
                    ok = false;
                    log.failed(table.name(), clock.instant(), e);
                    LOG.warn("cometly export of table {} failed: {}", table.name(), e.getClass().getSimpleName());
                }
            }
            boolean result = ok;
            client.metrics().ifPresent(m -> m.runEnded("spring", result));
            return Optional.of(out);
        } finally {
            runThread = null;
            running.unlock();
        }
    }

    /** @return how many days ended how, e.g. {@code 2 days: 1 Stored, 1 Skipped} (no secret: kinds and counts) */
    static String summary(List<DayResult> results) {
        Map<String, Long> byKind = results.stream().collect(Collectors.groupingBy(r -> r.getClass().getSimpleName(),
                TreeMap::new, Collectors.counting()));
        return results.size() + (results.size() == 1 ? " day" : " days") + (byKind.isEmpty() ? "" : ": "
                + byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
    }

    private ExportDaysCommand command(CometlyExportTables.Table table) {
        CometlyExportProperties.Schedule s = props.schedule();
        LocalDate from = s.from();
        if (from == null) {
            LocalDate lastClosed = client.config().closure().lastClosedDay(clock.instant());
            from = lastClosed.minusDays(Math.max(s.refreshDays(), 1) - 1L);
        }
        return ExportDaysCommand.range(table.definition(), from, null).withRefreshLast(s.refreshDays())
                .withStopCreating(stopping::get);
    }

    /** Schedules the runs, when {@code cometly.export.schedule.cron} is set. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        String cron = props.schedule().cron();
        if (cron != null) {
            scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix("cometly-export-schedule-");
            scheduler.setDaemon(true);
            scheduler.initialize();
            ZoneId zone = props.schedule().zone() == null ? ZoneId.systemDefault() : props.schedule().zone();
            schedule = scheduler.schedule(this::scheduledRun, new CronTrigger(cron, zone));
        }
        started = true;
    }

    private void scheduledRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("scheduled cometly export failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Stops gracefully: no run starts, the run under way creates no job and has the grace period to store its days
     * in flight, then it is interrupted (its recorded jobs resume on the next start). Returns when it has ended.
     */
    @Override
    public synchronized void stop() {
        stopping.set(true);
        if (schedule != null) {
            schedule.cancel(false);
        }
        try {
            if (!running.tryLock(props.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                Thread t = runThread;
                if (t != null) {
                    LOG.info("cometly export still running after the shutdown grace; stopping it (its jobs stay "
                            + "recorded for the next start)");
                    t.interrupt();
                }
                if (!running.tryLock(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("cometly export run did not end within {}", ABORT_WAIT);
                    return;
                }
            }
            running.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (scheduler != null) {
                scheduler.shutdown();
            }
            started = false;
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
