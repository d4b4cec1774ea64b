package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backfills under the real limits (on a fast simulator clock), reruns, and a run killed midway. */
class BackfillIT {
    private final String key = "backfill_key_" + UUID.randomUUID().toString().replace("-", "");
    @TempDir
    Path dir;
    private CometlySimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness cli() {
        CliEndToEndIT.KEYS_USED.add(key);
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString())
                .tune(config -> config.toBuilder().simulatorRateWindow(Duration.ofSeconds(2)).build());
    }

    @Test
    void givenSixDaysUnderTheRealLimits_whenBackfilled_thenAllStoredWithout429AndARerunCreatesNoJob() {
        // The simulator enforces 5 creates and 30 status requests per (fast) minute of 2 real seconds; the CLI
        // paces for the same window.
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "bf").clock(SimulatorClocks.scaled(Instant.parse("2024-02-01T06:00:00Z"), 30))
                .defaultEvents(300).build());
        Path out = dir.resolve("exports");
        CliHarness.Run r = cli().run("backfill", "--from", "2024-01-01", "--to", "2024-01-06", "--out",
                out.toString(), "--parallel", "6", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(6);
        assertThat(r.err()).contains("day").contains("stored");
        assertThat(sim.journal().rateLimited()).as("429s caused").isZero();
        assertThat(sim.journal().jobsCreated()).isEqualTo(6);
        for (int d = 1; d <= 6; d++) {
            try (Stream<Path> files = Files.list(out.resolve("events/date=2024-01-0" + d))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("_manifest.json",
                        "events-2024-01-0" + d + ".ndjson.gz");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }

        CliHarness.Run rerun = cli().run("backfill", "--from", "2024-01-01", "--to", "2024-01-06", "--out",
                out.toString());
        assertThat(rerun.code()).isZero();
        assertThat(rerun.err()).contains("skipped");
        assertThat(sim.journal().jobsCreated()).as("a rerun creates no job").isEqualTo(6);
    }

    @Test
    void givenBackfillKilledMidway_whenRerun_thenOnlyMissingDaysAreDoneAndNoPartialFileIsPublished()
            throws Exception {
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "bf").defaultEvents(150_000)
                .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(100), Duration.ofMillis(200)).build())).build());
        Path out = dir.resolve("exports");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CometlyExportCli.class.getName(),
                "backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--out", out.toString(), "--parallel", "1",
                "--status-rate", "600", "--create-rate", "600", "--quiet", "--ledger", "none"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile());
        builder.environment().put("COMETLY_API_KEY", key);
        builder.environment().put("COMETLY_BASE_URL", sim.baseUrl().toString());
        Process p = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (manifests(out) < 2 && p.isAlive() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        long storedBeforeRerun = manifests(out);
        assertThat(storedBeforeRerun).as(Files.readString(dir.resolve("killed.log"), StandardCharsets.UTF_8))
                .isBetween(2L, 7L);
        assertThat(finalFilesWithoutManifest(out)).as("no file under its final name without its manifest").isZero();
        long createdByKilledRun = sim.journal().jobsCreated();

        // Without a ledger (SharedLedgerIT covers resuming through one): the stored days alone say what is left.
        CliHarness.Run rerun = cli().run("backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--out",
                out.toString(), "--status-rate", "600", "--create-rate", "600", "--ledger", "none");
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(manifests(out)).isEqualTo(8);
        assertThat(sim.journal().jobsCreated() - createdByKilledRun).as("jobs created by the rerun")
                .isEqualTo(8 - storedBeforeRerun);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp"));
        }
    }

    private static long manifests(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.getFileName().toString().equals("_manifest.json")).count();
        } catch (java.io.UncheckedIOException renamedWhileWalked) {
            // The running process renamed a temporary file under the walk; the caller polls again.
            return 0;
        }
    }

    private static long finalFilesWithoutManifest(Path out) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.toString().endsWith(".ndjson.gz"))
                    .filter(f -> !Files.exists(f.resolveSibling("_manifest.json")))
                    .count();
        }
    }
}
