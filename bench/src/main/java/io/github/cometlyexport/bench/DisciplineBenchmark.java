package io.github.cometlyexport.bench;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.cli.CometlyExportCli;
import io.github.cometlyexport.application.AwaitExportService;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Polling discipline (20 staggered jobs in one Space under the real 30/min status limit) and backfill pacing (30
 * days under 5 creates and 30 status requests per minute, on a simulator clock running 10x). Prints Markdown.
 */
public final class DisciplineBenchmark {
    private DisciplineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("shared")) {
            polling();
            backfill();
        }
        sharedBackfill();
    }

    private static void polling() throws Exception {
        String key = "bench_polling_" + System.nanoTime();
        int jobs = 20;
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "poll")
                .defaultEvents(100).rateLimits(100, 30).build())) {
            CometlyHttpConfig config = CometlyHttpConfig.defaults(new ApiKey(key)).toBuilder().baseUrl(sim.baseUrl())
                    .build();
            try (CometlyHttpAdapter api = CometlyHttpAdapter.create(config, SpaceBudgets.inProcess(30, 100,
                    Duration.ofMinutes(1), Clock.systemUTC(), Sleeper.system()))) {
                List<ExportJobId> ids = new ArrayList<>();
                List<Instant> done = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    Duration processing = Duration.ofSeconds(2 + 3L * i);
                    sim.scriptNextJob(JobScript.builder().timeline(Duration.ofMillis(500), processing).build());
                    Instant created = Instant.now();
                    ids.add(api.create(ExportRequest.builder().date("2024-01-" + String.format("%02d", i + 1))
                            .build()));
                    done.add(created.plusMillis(500).plus(processing));
                }
                long creates = sim.journal().count(e -> e.method().equals("POST"));
                AwaitExportService await = new AwaitExportService(api, PollingPolicy.defaults(), Clock.systemUTC(),
                        Sleeper.system(),
                        new SplittableRandom(7));
                ExecutorService pool = Executors.newFixedThreadPool(jobs);
                List<Future<Instant>> noticed = new ArrayList<>();
                Instant start = Instant.now();
                for (ExportJobId id : ids) {
                    noticed.add(pool.submit(() -> {
                        AwaitOutcome o = await.await(AwaitExportCommand.of(id));
                        if (!(o instanceof AwaitOutcome.Finished)) {
                            throw new IllegalStateException("job " + id + " did not finish: " + o);
                        }
                        return Instant.now();
                    }));
                }
                List<Double> lags = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    lags.add(Math.max(0, Duration.between(done.get(i), noticed.get(i).get()).toMillis()) / 1000.0);
                }
                pool.shutdown();
                double wall = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                long statuses = sim.journal().count(e -> e.method().equals("GET") && e.status() != 429);
                long limited = sim.journal().rateLimited();
                Collections.sort(lags);
                System.out.println("### 4. Polling discipline: 20 jobs in one Space, completing 2.5 s to 59.5 s after "
                        + "creation, awaited at once under 30 status requests per minute\n");
                System.out.println("| measure | value | target |\n|---|---|---|");
                System.out.printf(Locale.ROOT, "| status requests (200) | %d (for %d jobs, %.0f s) | within 30/min |%n",
                        statuses, jobs, wall);
                System.out.printf(Locale.ROOT, "| 429s caused | %d | 0 |%n", limited);
                System.out.printf(Locale.ROOT, "| lag completion → noticed: median / p90 / max | %.1f s / %.1f s / "
                        + "%.1f s | max ≤ %d × 2 s + one interval (30 s) = %d s |%n", lags.get(jobs / 2),
                        lags.get(jobs * 9 / 10), lags.get(jobs - 1), jobs, jobs * 2 + 30);
                System.out.printf(Locale.ROOT, "| creates | %d | |%n%n", creates);
            }
        }
    }

    private static void backfill() throws Exception {
        String key = "bench_backfill_" + System.nanoTime();
        int days = 30;
        long factor = 10;
        double window = 60.0 / factor;
        Path out = Files.createTempDirectory("bench-backfill");
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "bf")
                .clock(SimulatorClocks.scaled(Instant.parse("2024-02-01T06:00:00Z"), factor)).defaultEvents(1000).build())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int code = CometlyExportCli.run(new String[] {"backfill", "--from", "2024-01-01", "--to", "2024-01-30",
                "--out", out.toString(), "--parallel", "30", "--quiet"},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("COMETLY_API_KEY", key, "COMETLY_BASE_URL", sim.baseUrl().toString()), out,
                    config -> config.toBuilder().simulatorRateWindow(
                            Duration.ofMillis((long) (window * 1000))).build());
            double wall = (System.nanoTime() - t0) / 1e9;
            // Lower bound: the k-th create (from 0) cannot go before floor(k / 5) windows; the last job then needs
            // its own run time (1 s queued + 2 s processing on the simulator clock) and one status request.
            double jobTime = 3.0 / factor;
            double lowerBound = Math.floor((days - 1) / 5.0) * window + jobTime;
            System.out.println("### 5. Backfill: 30 days under 5 creates and 30 status requests per minute "
                    + "(simulator clock at " + factor + "x: a minute lasts " + window + " s)\n");
            System.out.println("| measure | value | target |\n|---|---|---|");
            System.out.printf(Locale.ROOT, "| exit code | %d | 0 |%n", code);
            System.out.printf(Locale.ROOT, "| wall time | %.1f s | |%n", wall);
            System.out.printf(Locale.ROOT, "| lower bound from the limits | %.1f s (= floor(29/5) windows + one job) "
                    + "| |%n", lowerBound);
            System.out.printf(Locale.ROOT, "| ratio | %.2f | ≤ 1.15 |%n", wall / lowerBound);
            System.out.printf(Locale.ROOT, "| jobs created / status requests / 429s | %d / %d / %d | 30 / – / 0 |%n%n",
                    sim.journal().jobsCreated(), sim.journal().count(e -> e.method().equals("GET")
                            && e.path().startsWith("/public-api")), sim.journal().rateLimited());
            if (code != 0) {
                System.out.println("```\n" + err.toString(StandardCharsets.UTF_8) + "\n```");
            }
        }
    }

    /**
     * Three CLI processes (each its own JVM) run the same 30-day backfill of one Space at once, sharing an SQLite
     * ledger: together they must stay as close to the limits' lower bound as one process does.
     */
    private static void sharedBackfill() throws Exception {
        String key = "bench_shared_" + System.nanoTime();
        int days = 30;
        long factor = 10;
        long windowMs = 60_000 / factor;
        Path work = Files.createTempDirectory("bench-shared");
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "sh")
                .clock(SimulatorClocks.scaled(Instant.parse("2024-02-01T06:00:00Z"), factor)).defaultEvents(1000)
                .build())) {
            String ledger = "jdbc:sqlite:" + work.resolve("ledger.db");
            List<Process> processes = new ArrayList<>();
            long t0 = System.nanoTime();
            // When the first request reaches the simulator: the JVMs have started (§6 measures start-up alone).
            java.util.concurrent.atomic.AtomicLong firstRequest = new java.util.concurrent.atomic.AtomicLong();
            Thread watcher = new Thread(() -> {
                while (sim.journal().entries().isEmpty() && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                firstRequest.set(System.nanoTime());
            });
            watcher.setDaemon(true);
            watcher.start();
            for (int i = 0; i < 3; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-Dbench.rateWindowMs=" + windowMs, "-cp",
                        System.getProperty("java.class.path"), BenchCli.class.getName(), "backfill", "--from",
                        "2024-01-01", "--to", "2024-01-30", "--out", work.resolve("out").toString(), "--parallel",
                        "30", "--quiet", "--ledger", ledger).redirectErrorStream(true)
                        .redirectOutput(work.resolve("p" + i + ".log").toFile());
                pb.environment().put("COMETLY_API_KEY", key);
                pb.environment().put("COMETLY_BASE_URL", sim.baseUrl().toString());
                processes.add(pb.start());
            }
            List<Integer> codes = new ArrayList<>();
            for (Process p : processes) {
                codes.add(p.waitFor());
            }
            long end = System.nanoTime();
            double wall = (end - t0) / 1e9;
            double working = (end - firstRequest.get()) / 1e9;
            double window = windowMs / 1000.0;
            double lowerBound = Math.floor((days - 1) / 5.0) * window + 3.0 / factor;
            System.out.println("### 5b. The same backfill run by 3 processes at once, sharing one Space through an "
                    + "SQLite ledger (each its own JVM, started together)\n");
            System.out.println("| measure | value | target |\n|---|---|---|");
            System.out.printf(Locale.ROOT, "| exit codes | %s | 0 0 0 |%n", codes.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(" ")));
            System.out.printf(Locale.ROOT, "| wall time, first start to last exit (JVM starts included) | %.1f s | |%n",
                    wall);
            System.out.printf(Locale.ROOT, "| from the first request to the last exit (as 5 measures one process) | %.1f "
                    + "s | |%n", working);
            System.out.printf(Locale.ROOT, "| lower bound from the limits | %.1f s | |%n", lowerBound);
            System.out.printf(Locale.ROOT, "| ratio (first request to last exit; with JVM starts: %.2f) | %.2f | ≤ 1.15 "
                    + "|%n", wall / lowerBound, working / lowerBound);
            System.out.printf(Locale.ROOT, "| jobs created / status requests / 429s | %d / %d / %d | 30 / – / 0 |%n%n",
                    sim.journal().jobsCreated(), sim.journal().count(e -> e.method().equals("GET")
                            && e.path().startsWith("/public-api")), sim.journal().rateLimited());
            for (int i = 0; i < processes.size(); i++) {
                if (codes.get(i) != 0) {
                    System.out.println("```\n" + Files.readString(work.resolve("p" + i + ".log")) + "\n```");
                }
            }
        }
    }
}
