package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several CLI processes ({@code ProcessBuilder}, each its own JVM) share one ledger and one Space of a simulator
 * that enforces Cometly's real limits on a clock 30 times faster than real time (the CLIs pace for the same 2 s
 * minute). Judged by the simulator's journal: creates and 429s. Kill points are chosen from progress the ledger
 * records, never from a delay. Subclasses say which database the ledger is in.
 */
abstract class SharedLedgerIT {
    private static final LocalDate FIRST = LocalDate.parse("2024-01-01");
    private final String key = "ledger_key_" + UUID.randomUUID().toString().replace("-", "");
    @TempDir
    Path dir;
    CometlySimulator sim;
    private final List<Process> processes = new ArrayList<>();
    /** The simulator's minute in real time, which the CLIs pace for. */
    private Duration minute = Duration.ofSeconds(2);

    /** @return the URL of a new, empty ledger */
    abstract String newLedgerUrl();

    @AfterEach
    void stop() throws IOException {
        processes.forEach(Process::destroyForcibly);
        // What the processes printed is held to the same promise as in-process runs: no key, no signature.
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".err"))
                    .toList()) {
                CliHarness.PRINTED.add(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        if (sim != null) {
            sim.close();
        }
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private void startSimulator(JobScript script) {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "shared")
                .clock(SimulatorClocks.scaled(Instant.parse("2024-02-01T06:00:00Z"), 60 / minute.toSeconds()))
                .defaultEvents(2_000)
                .scriptCycle(List.of(script)).build());
    }

    private static JobScript quick() {
        // 10 s queued and 20 s processing on the simulator's clock: a third of a second and two thirds, really.
        return JobScript.builder().timeline(Duration.ofSeconds(10), Duration.ofSeconds(20)).build();
    }

    /** Starts one CLI process with the test tunings: the simulator's minute, a 3 s lease, a short download timeout. */
    private Process cli(String name, String ledger, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-Dtest.rateWindow=" + minute.toSeconds() + "s",
                "-Dtest.leaseTtl=3s",
                "-Dtest.downloadTimeout=2s", "-cp", System.getProperty("java.class.path"),
                TunedCli.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--ledger", ledger, "--json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve(name + ".err").toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("COMETLY_API_KEY", key);
        pb.environment().put("COMETLY_BASE_URL", sim.baseUrl().toString());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private String[] backfill(Path out, int days) {
        return new String[] {"backfill", "--from", FIRST.toString(), "--to", FIRST.plusDays(days - 1L).toString(),
            "--out", out.toString(), "--parallel", "4"};
    }

    private int exitOf(Process p, String name) throws Exception {
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        return p.exitValue();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    private List<JsonObject> rows(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name + ".out"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{")).map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
    }

    /** Every day of the range is one data file, identical to the bytes the simulator served for its job. */
    private void assertEachDayStoredOnce(Path out, int days) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            String date = FIRST.plusDays(d).toString();
            Path partition = out.resolve("events/date=" + date);
            try (Stream<Path> files = Files.list(partition)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("_")
                        && !n.startsWith("."))).as(date).containsExactly("events-" + date + ".ndjson.gz");
            }
            String manifest = Files.readString(partition.resolve("_manifest.json"));
            long id = Json.createReader(new StringReader(manifest)).readObject().getJsonNumber("export_id")
                    .longValue();
            ids.add(id);
            assertThat(Files.readAllBytes(partition.resolve("events-" + date + ".ndjson.gz"))).as(date)
                    .isEqualTo(sim.servedBytes(id));
        }
        assertThat(ids).as("one job per day").doesNotHaveDuplicates();
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Reads the ledger as a third party would (another process's view). */
    private List<DayRecord> ledgerRows(String url) {
        try (LedgerDatabase db = LedgerDatabase.open(url, Map.of(), Clock.systemUTC());
             JdbcLedgerAdapter reader = new JdbcLedgerAdapter(db, Duration.ofSeconds(3), "test-reader")) {
            return reader.list(null, null, null);
        }
    }

    @Test
    void givenTwoSpellingsOfOneFolder_whenTheSameDayIsExportedIntoBothAtOnce_thenOneJobAndOneFile()
            throws Exception {
        // The job processes for 5 minutes of the simulator's clock (10 s really): long enough that the second run,
        // started once the first's create was answered, meets the first's claim of the day.
        startSimulator(JobScript.builder().timeline(Duration.ofSeconds(10), Duration.ofMinutes(5)).build());
        String ledger = newLedgerUrl();
        Path out = dir.resolve("o");
        String day = FIRST.plusDays(4).toString();
        Process first = cli("first", ledger, "export", "--date", day, "--out", out.toString());
        waitUntil(() -> sim.journal().jobsCreated() >= 1, "the first run's create");
        Process second = cli("second", ledger, "export", "--date", day, "--out", out + "/");
        // Either the second run waits for the day (one table) or it creates a job of its own (two tables).
        waitUntil(() -> sim.journal().jobsCreated() >= 2 || logQuietly("second").contains("waiting for it"),
                "the second run to wait for the day or to create a job");
        assertThat(exitOf(first, "first")).as(log("first")).isZero();
        assertThat(exitOf(second, "second")).as(log("second")).isZero();
        assertThat(sim.journal().jobsCreated()).as("creates").isEqualTo(1);
        assertThat(log("second")).contains("waiting for it");
        assertThat(ledgerRows(ledger)).as("one row for the day").hasSize(1);
    }

    private String logQuietly(String name) {
        try {
            return log(name);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void givenThreeProcessesBackfillingTheSameTwelveDays_whenRunAtOnce_thenOneCreatePerDayNo429AndEachDayOnce()
            throws Exception {
        startSimulator(quick());
        String ledger = newLedgerUrl();
        Path out = dir.resolve("out");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(cli("bf" + i, ledger, backfill(out, 12)));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(exitOf(runs.get(i), "bf" + i)).as(log("bf" + i)).isZero();
            assertThat(rows("bf" + i)).as("bf" + i + " reports every day").hasSize(12);
        }
        assertThat(sim.journal().jobsCreated()).as("creates").isEqualTo(12);
        assertThat(sim.journal().rateLimited()).as("429s").isZero();
        assertEachDayStoredOnce(out, 12);
        assertThat(ledgerRows(ledger)).hasSize(12).allSatisfy(r -> {
            assertThat(r.state().wireName()).isEqualTo("stored");
            assertThat(r.holder()).isNull();
        });
    }

    @Test
    void givenAnExportRunning_whenABackfillOfTheSameSpaceStartsInTheSameMinute_thenNo429() throws Exception {
        // A 10 s minute, so that the backfill's JVM surely starts within the minute of the export's create.
        minute = Duration.ofSeconds(10);
        startSimulator(quick());
        String ledger = newLedgerUrl();
        Process export = cli("export", ledger, "export", "--date", "2024-03-01", "--out",
                dir.resolve("one").toString());
        // The backfill starts once the export's create was answered: its burst would overrun the same minute.
        waitUntil(() -> sim.journal().jobsCreated() >= 1, "the export's create");
        List<String> args = new ArrayList<>(List.of(backfill(dir.resolve("many"), 6)));
        args.set(args.indexOf("--parallel") + 1, "6");
        Process backfill = cli("backfill", ledger, args.toArray(String[]::new));
        assertThat(exitOf(export, "export")).as(log("export")).isZero();
        assertThat(exitOf(backfill, "backfill")).as(log("backfill")).isZero();
        assertThat(sim.journal().jobsCreated()).isEqualTo(7);
        assertThat(sim.journal().rateLimited()).as("429s").isZero();
    }

    @Test
    void givenExportKilledAfterItsCreateWasRecorded_whenRerun_thenTheJobIsResumedAndNoJobIsCreated()
            throws Exception {
        // A slow transfer (stalls the client's 2 s timeout turns into resumes) leaves time to kill mid-download.
        startSimulator(JobScript.builder().timeline(Duration.ofSeconds(10), Duration.ofSeconds(20))
                .stall(20_000, Duration.ofSeconds(3), 3).build());
        String ledger = newLedgerUrl();
        Path out = dir.resolve("out");
        Process victim = cli("victim", ledger, "export", "--date", "2024-03-01", "--out", out.toString());
        waitUntil(() -> ledgerRows(ledger).stream().anyMatch(r -> r.exportId() != null), "the recorded job");
        victim.destroyForcibly();
        victim.waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.exists(out.resolve("events/date=2024-03-01/events-2024-03-01.ndjson.gz")))
                .as("killed before the download ended").isFalse();
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);

        Process rerun = cli("rerun", ledger, "export", "--date", "2024-03-01", "--out", out.toString());
        assertThat(exitOf(rerun, "rerun")).as(log("rerun")).isZero();
        assertThat(sim.journal().jobsCreated()).as("creates after the rerun").isEqualTo(1);
        assertThat(log("rerun")).contains("resumed from the ledger");
        JsonObject row = rows("rerun").get(0);
        assertThat(Files.readAllBytes(out.resolve("events/date=2024-03-01/events-2024-03-01.ndjson.gz")))
                .isEqualTo(sim.servedBytes(row.getJsonNumber("export_id").longValue()));
    }

    @Test
    void givenOneOfThreeBackfillWorkersKilledMidway_whenTheOthersGoOn_thenTheyFinishItsDaysWithoutNewCreates()
            throws Exception {
        startSimulator(JobScript.builder().timeline(Duration.ofSeconds(30), Duration.ofSeconds(60)).build());
        String ledger = newLedgerUrl();
        Path out = dir.resolve("out");
        // One day in flight: when it holds a job it is waiting for, it has no create in flight, so the kill cannot
        // fall between a create's answer and its record (the one gap no client can close) and the count below is
        // exact. (--parallel bounds downloads only; the pipeline would otherwise create the next days' jobs.)
        List<String> oneWorker = new ArrayList<>(List.of(backfill(out, 12)));
        oneWorker.set(oneWorker.indexOf("--parallel") + 1, "1");
        oneWorker.addAll(List.of("--jobs-in-flight", "1"));
        Process victim = cli("victim", ledger, oneWorker.toArray(String[]::new));
        String victimPid = ":" + victim.pid() + ":";
        List<Process> survivors = List.of(cli("s1", ledger, backfill(out, 12)), cli("s2", ledger,
                backfill(out, 12)));
        // Kill once the victim holds a day whose job it created and is waiting for: the others must take it over.
        java.util.concurrent.atomic.AtomicReference<DayRecord> held = new java.util.concurrent.atomic
                .AtomicReference<>();
        waitUntil(() -> {
            ledgerRows(ledger).stream().filter(r -> r.holder() != null && r.holder().contains(victimPid)
                    && r.exportId() != null && r.state().resumable()).findFirst().ifPresent(held::set);
            return held.get() != null;
        }, "a job recorded by the victim");
        victim.destroyForcibly();
        victim.waitFor(10, TimeUnit.SECONDS);
        Optional<DayRecord> orphan = Optional.of(held.get());
        for (int i = 0; i < 2; i++) {
            assertThat(exitOf(survivors.get(i), "s" + (i + 1))).as(log("s" + (i + 1))).isZero();
        }
        assertThat(sim.journal().jobsCreated()).as("creates: one per day, the dead one's jobs reused").isEqualTo(12);
        assertThat(sim.journal().rateLimited()).isZero();
        assertEachDayStoredOnce(out, 12);
        DayRecord taken = ledgerRows(ledger).stream().filter(r -> r.key().day().equals(orphan.get().key().day()))
                .findFirst().orElseThrow();
        assertThat(taken.exportId()).as("the orphan's job, resumed").isEqualTo(orphan.get().exportId());
        assertThat(Stream.of("s1", "s2").map(n -> {
            try {
                return log(n);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining())).contains("resumed from the ledger");
    }
}
