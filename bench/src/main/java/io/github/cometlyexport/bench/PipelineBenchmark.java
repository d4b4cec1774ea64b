package io.github.cometlyexport.bench;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Days pipelined at the limits: backfills of N days whose jobs take a given time, against the simulator at
 * Cometly's real limits (5 creates, 30 status requests a minute, sliding) on a clock running {@code factor} times
 * faster, with default settings (25 jobs in flight, 4 downloads) and every delay of the client scaled alike. The
 * bound is the ideal schedule's: the k-th create (from 0) at ⌊k/5⌋ × 63 s, each job done its latency later; the
 * last such completion (for equal latencies 63 s × (⌈N/5⌉ − 1) + the latency). Prints Markdown.
 */
public final class PipelineBenchmark {
    private static final LocalDate FIRST = LocalDate.parse("2024-01-01");

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("processes")) {
            processes(30, 180, 10);
            return;
        }
        // Warm-up, not reported: class loading, JIT and the first connections cost real milliseconds, which a
        // scaled clock multiplies.
        run(null, 5, k -> 5, 10, 1, 1);
        System.out.println("### 8. Days pipelined at the limits (simulator at 5 creates and 30 status requests a "
                + "minute, its clock scaled; default settings)\n");
        System.out.println("| scenario | clock | wall (scaled back) | bound | ratio | target | creates | 429s | "
                + "stored |\n|---|---|---|---|---|---|---|---|---|");
        run("10 days × 90 s", 10, k -> 90, 5, 1, 1.15);
        SplittableRandom random = new SplittableRandom(42);
        long[] mixed = new long[30];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = random.nextLong(30, 301);
        }
        run("30 days, latencies 30–300 s", 30, k -> mixed[k], 10, 1, 1.10);
        run("365 days × 180 s", 365, k -> 180, 60, 1, 1.05);
        run("30 days × 180 s, 3 clients sharing an SQLite ledger", 30, k -> 180, 10, 3, 1.15);
        processes(30, 180, 10);
        System.out.println();
    }

    /**
     * Three CLI processes (each its own JVM, {@link BenchCli}: the product's command line with the rate window of
     * the fast simulator clock; its polling is not scaled, so every poll waits at least 1 s of real time, 10 s of the
     * simulator's) backfill the same days at once, sharing one SQLite ledger. Timed from the first request the
     * simulator saw (the JVMs have started) to the last exit.
     */
    private static void processes(int days, long latency, long factor) throws Exception {
        String key = "bench_pipeline_procs_" + System.nanoTime();
        Path work = Files.createTempDirectory("bench-pipeline-procs");
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "pp")
                .clock(SimulatorClocks.scaled(Instant.parse("2024-06-01T06:00:00Z"), factor)).defaultEvents(50)
                .build())) {
            double bound = 0;
            for (int k = 0; k < days; k++) {
                sim.scriptNextJob(JobScript.builder().timeline(Duration.ofSeconds(1), Duration.ofSeconds(latency - 1))
                        .events(50).build());
                bound = Math.max(bound, (k / 5) * 63.0 + latency);
            }
            java.util.concurrent.atomic.AtomicLong firstRequest = new java.util.concurrent.atomic.AtomicLong();
            Thread watcher = new Thread(() -> {
                while (sim.journal().entries().isEmpty() && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                firstRequest.set(System.nanoTime());
            });
            watcher.setDaemon(true);
            watcher.start();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-Dbench.rateWindowMs=" + 60_000 / factor, "-cp",
                        System.getProperty("java.class.path"), BenchCli.class.getName(), "backfill", "--from",
                        FIRST.toString(), "--to", FIRST.plusDays(days - 1).toString(), "--out",
                        work.resolve("out").toString(), "--quiet", "--ledger", "jdbc:sqlite:" + work.resolve("l.db"))
                        .redirectErrorStream(true).redirectOutput(work.resolve("p" + i + ".log").toFile());
                pb.environment().put("COMETLY_API_KEY", key);
                pb.environment().put("COMETLY_BASE_URL", sim.baseUrl().toString());
                pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
                processes.add(pb.start());
            }
            StringBuilder codes = new StringBuilder();
            for (Process p : processes) {
                codes.append(p.waitFor()).append(' ');
            }
            double wall = (System.nanoTime() - firstRequest.get()) / 1e9 * factor;
            System.out.printf(Locale.ROOT, "| %d days × %d s, 3 CLI processes sharing an SQLite ledger (exit %s) | %dx "
                    + "| %.0f s | %.0f s | %.3f | ≤ 1.15 | %d (%d days) | %d | – |%n", days, latency,
                    codes.toString().trim(), factor, wall, bound, wall / bound, sim.journal().jobsCreated(), days,
                    sim.journal().rateLimited());
        }
    }

    private interface Latency {
        long seconds(int k);
    }

    private static void run(String label, int days, Latency latency, long factor, int clients, double target)
            throws Exception {
        String key = "bench_pipeline_" + System.nanoTime();
        Path work = Files.createTempDirectory("bench-pipeline");
        Instant simStart = Instant.parse("2024-06-01T06:00:00Z");
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "pl")
                .clock(SimulatorClocks.scaled(simStart, factor)).defaultEvents(50).build())) {
            double boundSimSeconds = 0;
            for (int k = 0; k < days; k++) {
                sim.scriptNextJob(JobScript.builder().timeline(Duration.ofSeconds(1),
                        Duration.ofSeconds(latency.seconds(k) - 1)).events(50).build());
                boundSimSeconds = Math.max(boundSimSeconds, (k / 5) * 63.0 + latency.seconds(k));
            }
            CometlyExportConfig.Builder settings = CometlyExportConfig.builder(new ApiKey(key)).baseUrl(sim.baseUrl())
                    .simulatorRateWindow(Duration.ofMillis(60_000 / factor));
            if (clients > 1) {
                settings.ledger("jdbc:sqlite:" + work.resolve("ledger.db"));
            }
            CometlyExportConfig config = settings.build();
            String out = work.resolve("out").toString();
            PollingPolicy defaults = PollingPolicy.defaults();
            PollingPolicy scaled = new PollingPolicy(defaults.initialDelay().dividedBy(factor), defaults.multiplier(),
                    defaults.maxDelay().dividedBy(factor), defaults.minDelay().dividedBy(factor), defaults.timeout(),
                    defaults.maxQueued(), defaults.maxProcessing());
            List<CometlyExport> exports = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                for (int i = 0; i < clients; i++) {
                    exports.add(CometlyExport.builder(config).polling(scaled).build());
                }
                ExportRequest table = ExportRequest.builder().date(FIRST).build();
                long t0 = System.nanoTime();
                List<Future<List<DayResult>>> runs = new ArrayList<>();
                for (CometlyExport export : exports) {
                    runs.add(pool.submit(() -> export.table(out).exportDays().exportDays(ExportDaysCommand.range(table, FIRST,
                            FIRST.plusDays(days - 1)).withHeldWait(Duration.ofHours(1)))));
                }
                long stored = 0;
                for (Future<List<DayResult>> run : runs) {
                    stored += run.get().stream().filter(r -> r instanceof DayResult.Stored).count();
                }
                double wall = (System.nanoTime() - t0) / 1e9 * factor;
                double ratio = wall / boundSimSeconds;
                if (label == null) {
                    return;
                }
                System.out.printf(Locale.ROOT, "| %s | %dx | %.0f s | %.0f s | %.3f | ≤ %.2f | %d (%d days) | %d | %d |%n",
                        label, factor, wall, boundSimSeconds, ratio, target, sim.journal().jobsCreated(), days,
                        sim.journal().rateLimited(), stored);
            } finally {
                pool.shutdownNow();
                for (CometlyExport export : exports) {
                    export.close();
                }
            }
        }
    }
}
