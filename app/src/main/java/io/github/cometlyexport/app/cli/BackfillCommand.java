package io.github.cometlyexport.app.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backfill --from D1 [--to D2] [filters] --out <dest> [--refresh-days N]}: one job per day. Days run on
 * {@code --parallel} threads; the Space's request budgets pace every create and status request, so as many jobs are
 * in flight as the budgets allow with no fixed sleep. Days stored and verified are skipped (so a rerun after a kill
 * does only what is missing), except the range's last {@code N} closed days with {@code --refresh-days}; days
 * that are not closed are listed as open. One day's failure, whatever it is, does not stop the others, except a refused key,
 * which stops every request at once. The summary lists every day. Days another process of the ledger holds go back
 * in the queue and are asked again later, while the workers go on with the others: by then they are stored (and
 * skipped), or their holder died and this run takes them over.
 */
@Command(name = "backfill", description = "Exports every closed day of a range, skipping days already stored and "
        + "verified; days not over yet are listed as open.")
final class BackfillCommand extends ApiCommand {
    private static final int MAX_DAYS = 3660;

    @Mixin
    DestinationOptions destination;

    @Mixin
    FilterOptions filters;

    @Mixin
    AttemptsOption maxAttempts;

    @Mixin
    DayOptions days;

    @Mixin
    LedgerOption ledger;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    CreateRateOption createRate;

    @Override
    TimeoutOption timeout() {
        return timeout;
    }

    @Override
    CreateRateOption createRate() {
        return createRate;
    }

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day, inclusive (default: the last closed "
            + "day).")
    String to;

    @Option(names = "--refresh-days", defaultValue = "0", paramLabel = "N", description = "Also export again the "
            + "last N closed days of the range (counted back from --to, or from the last closed day when --to is "
            + "not closed or left out) even when stored (late data), replacing each in one step (default "
            + "${DEFAULT-VALUE}).")
    int refreshDays;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N", description = "Days worked on at once "
            + "(default ${DEFAULT-VALUE}); the rate budgets pace them whatever the number.")
    int parallel;

    private LocalDate first;
    private LocalDate last;

    @Override
    void check(List<String> problems) {
        first = parseDate(from, "--from", problems);
        last = to == null ? null : parseDate(to, "--to", problems);
        filters.builder(first == null ? "2000-01-01" : first.toString()).violations()
                .forEach(v -> problems.add(v.toString()));
        filters.check(problems);
        if (parallel < 1 || parallel > 64) {
            problems.add("--parallel must be between 1 and 64");
        }
        if (refreshDays < 0) {
            problems.add("--refresh-days must not be negative");
        }
        maxAttempts.check(problems);
    }

    @Override
    DestinationOptions destination() {
        return destination;
    }

    @Override
    LedgerOption ledger() {
        return ledger;
    }

    @Override
    DayOptions days() {
        return days;
    }

    @Override
    CometlyExportConfig configure(CometlyExportConfig config) {
        return maxAttempts.apply(config);
    }

    @Override
    int run(CometlyExport cometly, OutputPrinter printer, ConsoleProgress progress) throws InterruptedException {
        DayClosure closure = cometly.config().closure();
        LocalDate lastClosed = closure.lastClosedDay(cli.clock.instant());
        LocalDate end = last != null ? last : lastClosed;
        List<String> problems = new ArrayList<>();
        if (end.isBefore(first)) {
            problems.add(last != null ? "--to " + end + " is before --from " + first : "no day from " + first
                    + " on is closed yet (the last closed day is " + lastClosed + ")");
        } else if (first.plusDays(MAX_DAYS).isBefore(end)) {
            problems.add("a backfill covers at most " + MAX_DAYS + " days");
        }
        TableDefinition table = TableDefinition.of(filters.builder(first.toString()).build(), cometly.store().format());
        if (problems.isEmpty()) {
            table.conflictWith(cometly.store().claimTable(table)).ifPresent(v -> problems.add(v.toString()));
        }
        if (!problems.isEmpty()) {
            return printer.usage(problems);
        }
        List<BackfillSummary.Row> rows = new ArrayList<>();
        List<LocalDate> closedDays = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(end); d = d.plusDays(1)) {
            if (d.isAfter(lastClosed)) {
                rows.add(BackfillSummary.Row.open(d, closure.closesAt(d)));
            } else {
                closedDays.add(d);
            }
        }
        // Counted back from the range's last closed day (its --to when that is closed), not from today's.
        LocalDate refreshFrom = (end.isAfter(lastClosed) ? lastClosed : end).minusDays(refreshDays - 1L);
        PriorityBlockingQueue<Pending> queue = new PriorityBlockingQueue<>();
        for (LocalDate day : closedDays) {
            ExportRequest request = filters.builder(day.toString()).build();
            ExportEventsCommand.Mode mode = refreshDays > 0 && !day.isBefore(refreshFrom)
                    ? ExportEventsCommand.Mode.REFRESH : ExportEventsCommand.Mode.CLOSED_DAY;
            queue.add(new Pending(new ExportEventsCommand(request, mode, progress), Instant.MIN, null));
        }
        Held held = new Held(HeldDays.retryAfter(cometly.config()), cometly.config().timeout());
        List<BackfillSummary.Row> done = java.util.Collections.synchronizedList(new ArrayList<>());
        int workers = Math.max(1, Math.min(parallel, closedDays.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                runs.add(pool.submit(() -> {
                    work(cometly, queue, done, progress, held);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a backfill worker failed", e.getCause());
                }
            }
            progress.endLive();
        } finally {
            pool.shutdownNow();
        }
        rows.addAll(done);
        Dataset dataset = Dataset.fromName(table.dataset()).orElse(Dataset.EVENTS);
        cometly.metrics().ifPresent(m -> rows.stream().filter(r -> r.closesAt() != null)
                .forEach(r -> m.dayNotStored(dataset, "open")));
        rows.sort((a, b) -> a.day().compareTo(b.day()));
        return new BackfillSummary(printer, dataset).print(rows);
    }

    /**
     * A day still to do, not to be tried again before {@code notBefore}; {@code heldSince}: when it was first found
     * held by another process ({@code null} if it was not).
     */
    private record Pending(ExportEventsCommand command, Instant notBefore, Instant heldSince)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int byTime = notBefore.compareTo(o.notBefore);
            return byTime != 0 ? byTime : command.request().date().compareTo(o.command.request().date());
        }
    }

    /** How days held by another process are waited for: asked again every {@code retry}, for {@code timeout}. */
    private record Held(Duration retry, Duration timeout) {
    }

    /**
     * One worker: takes the day due first, exports it, and puts a day that another process of the ledger holds back
     * in the queue for a while, so that the workers go on with days nobody holds; a day held for longer than
     * {@code --timeout} is reported as timed out.
     */
    private void work(CometlyExport cometly, PriorityBlockingQueue<Pending> queue, List<BackfillSummary.Row> done,
                      ConsoleProgress progress, Held held) throws InterruptedException {
        Pending next;
        while ((next = queue.poll()) != null) {
            Duration early = Duration.between(cli.clock.instant(), next.notBefore().isBefore(Instant.EPOCH)
                    ? Instant.EPOCH : next.notBefore());
            cli.sleeper.sleep(early);
            ExportEventsCommand command = next.command();
            long start = System.nanoTime();
            try {
                ExportOutcome outcome = cometly.exportEvents().export(command);
                Instant now = cli.clock.instant();
                if (outcome instanceof ExportOutcome.HeldElsewhere h) {
                    Instant since = next.heldSince() == null ? now : next.heldSince();
                    if (next.heldSince() == null) {
                        progress.line(HeldDays.waiting(h.record()));
                    }
                    if (Duration.between(since, now).compareTo(held.timeout()) >= 0) {
                        done.add(BackfillSummary.Row.held(command.request().date(),
                                HeldDays.gaveUp(h.record(), held.timeout()), Duration.between(since, now)));
                    } else {
                        Instant again = now.plus(held.retry());
                        Instant last = since.plus(held.timeout());
                        queue.add(new Pending(command, again.isAfter(last) ? last : again, since));
                    }
                } else {
                    done.add(BackfillSummary.Row.done(command.request().date(), outcome,
                            Duration.ofNanos(System.nanoTime() - start)));
                }
            } catch (RuntimeException | Error e) {
                // An Error in one day's worker (out of memory, say) is that day's failure, not the whole run's.
                done.add(BackfillSummary.Row.failed(command.request().date(), e,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        }
    }
}
