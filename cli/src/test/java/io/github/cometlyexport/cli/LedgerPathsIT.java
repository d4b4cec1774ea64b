package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths users take with the default SQLite ledger (a file under the test's home), each command run twice on one
 * clock that only moves forward between the runs: refreshes, a provisional job left in the ledger, files that are
 * gone at Cometly.
 */
class LedgerPathsIT {
    /** 2024-01-15 in UTC with the default 2 h settle closes at 2024-01-16T02:00Z. */
    private static final Instant DAY_OPEN = Instant.parse("2024-01-15T20:00:00Z");
    private static final Instant DAY_CLOSED = Instant.parse("2024-01-16T03:00:00Z");
    /** The simulator numbers its jobs from here. */
    private static final long FIRST_JOB = 1001;

    private final String key = "lp_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;
    private ForwardClock clock;

    @TempDir
    Path dir;

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

    private void start() {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().defaultEvents(300).rateLimits(600, 600)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(100))
                        .build())).key(key, "lp").build());
    }

    /** A run on the test's one clock, moved on to at least {@code now}; the ledger is the default SQLite file. */
    private CliHarness.Run run(Instant now, String... args) {
        clock = clock == null ? new ForwardClock(now) : clock.atLeast(now);
        CliHarness.Run r = new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC").clock(clock)
                // A short pause before a replacement (10 s in the product), the attempts as the run's options say.
                .tune(c -> c.toBuilder().replacePause(Duration.ofMillis(200)).build()).run(args);
        assertThat(Files.isRegularFile(dir.resolve("home/.local/state/cometly-export/ledger.db")))
                .as("the default SQLite ledger is used").isTrue();
        return r;
    }

    private static List<String> statuses(CliHarness.Run r) {
        return r.out().lines().map(ExactlyOnceIT::json).map(o -> o.getString("date") + " " + o.getString("status"))
                .toList();
    }

    /** A job that stays queued for an hour (longer than any run's --timeout here), then completes. */
    private static JobScript queuedForAnHour() {
        return JobScript.builder().timeline(Duration.ofHours(1), Duration.ofMillis(50)).build();
    }

    /** Lets an existing job complete at once (its file is generated already). */
    private void completeNow(long id) {
        sim.rescript(id, JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build());
    }

    @Test
    void givenBackfillToAPastDay_whenRunAgainWithRefreshDays_thenTheRangesLastTwoDaysGetNewJobsAndFiles()
            throws Exception {
        start();
        Path out = dir.resolve("t");
        Instant now = Instant.parse("2024-01-10T03:00:00Z");
        CliHarness.Run first = run(now, "backfill", "--from", "2024-01-01", "--to", "2024-01-04", "--out",
                out.toString(), "--json");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(sim.journal().jobsCreated()).isEqualTo(4);

        CliHarness.Run refresh = run(now, "backfill", "--from", "2024-01-01", "--to", "2024-01-04", "--out",
                out.toString(), "--refresh-days", "2", "--json");
        assertThat(refresh.code()).as(refresh.toString()).isZero();
        assertThat(statuses(refresh)).containsExactly("2024-01-01 skipped", "2024-01-02 skipped",
                "2024-01-03 completed", "2024-01-04 completed");
        assertThat(sim.journal().jobsCreated()).isEqualTo(6);
        for (JsonObject o : refresh.out().lines().map(ExactlyOnceIT::json).toList().subList(2, 4)) {
            assertThat(o.getJsonNumber("export_id").longValue()).isGreaterThanOrEqualTo(FIRST_JOB + 4);
            assertThat(Files.readAllBytes(Path.of(o.getString("location"))))
                    .isEqualTo(sim.servedBytes(o.getInt("export_id")));
        }
    }

    @Test
    void givenPartialExportThatTimedOut_whenBackfilledOnceTheDayClosed_thenANewJobStoresTheFinalFile()
            throws Exception {
        start();
        Path out = dir.resolve("t");
        sim.scriptNextJob(queuedForAnHour());
        CliHarness.Run partial = run(DAY_OPEN, "export", "--date", "2024-01-15", "--partial", "--timeout", "2s",
                "--out", out.toString(), "--json");
        assertThat(partial.code()).as(partial.toString()).isEqualTo(4);
        // The job that holds only what had arrived while the day was open completes later.
        completeNow(FIRST_JOB);

        CliHarness.Run backfill = run(DAY_CLOSED, "backfill", "--from", "2024-01-15", "--to", "2024-01-15", "--out",
                out.toString(), "--json");
        assertThat(backfill.code()).as(backfill.toString()).isZero();
        JsonObject o = ExactlyOnceIT.json(backfill.out());
        assertThat(o.getString("status")).isEqualTo("completed");
        assertThat(o.getJsonNumber("export_id").longValue()).as("not the open day's job").isEqualTo(FIRST_JOB + 1);
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
        Path partition = out.resolve("events/date=2024-01-15");
        assertThat(ExactlyOnceIT.dataFiles(partition)).containsExactly("events-2024-01-15.ndjson.gz");
        assertThat(Files.readString(partition.resolve("_manifest.json"))).contains("\"provisional\":false")
                .contains("\"export_id\":" + (FIRST_JOB + 1));
    }

    @Test
    void givenCompletedJobWhoseFileIsGone_whenExported_thenReplacedInTheSameRunAndARerunSkipsTheDay()
            throws Exception {
        start();
        Path out = dir.resolve("t");
        sim.loseFilesOfNextJobs(1);
        CliHarness.Run r = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = ExactlyOnceIT.json(r.out());
        assertThat(o.getJsonNumber("export_id").longValue()).isEqualTo(FIRST_JOB + 1);
        assertThat(o.getInt("attempts")).isEqualTo(2);
        assertThat(Files.readAllBytes(Path.of(o.getString("location")))).isEqualTo(sim.servedBytes(FIRST_JOB + 1));

        CliHarness.Run again = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--out", out.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).contains("already stored");
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
    }

    @Test
    void givenJobLeftInTheLedgerWhoseFileIsGoneByTheNextRun_whenResumed_thenReplacedByANewJob() throws Exception {
        start();
        Path out = dir.resolve("t");
        sim.scriptNextJob(queuedForAnHour());
        CliHarness.Run first = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--timeout", "2s", "--out",
                out.toString());
        assertThat(first.code()).as(first.toString()).isEqualTo(4);
        completeNow(FIRST_JOB);
        sim.loseFile(FIRST_JOB);

        CliHarness.Run resumed = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--out", out.toString(),
                "--json");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        JsonObject o = ExactlyOnceIT.json(resumed.out());
        assertThat(o.getJsonNumber("export_id").longValue()).isEqualTo(FIRST_JOB + 1);
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
        assertThat(Files.readAllBytes(Path.of(o.getString("location")))).isEqualTo(sim.servedBytes(FIRST_JOB + 1));
    }

    @Test
    void givenFileGoneAndNoAttemptLeft_whenExported_thenExit6AndTheNextRunReplacesTheJobInsteadOfResumingIt() {
        start();
        Path out = dir.resolve("t");
        sim.loseFilesOfNextJobs(1);
        CliHarness.Run spent = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--max-attempts", "1", "--out",
                out.toString());
        assertThat(spent.code()).as(spent.toString()).isEqualTo(6);
        assertThat(spent.err()).contains("gone");
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);

        CliHarness.Run next = run(DAY_CLOSED, "export", "--date", "2024-01-15", "--max-attempts", "1", "--out",
                out.toString(), "--json");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(ExactlyOnceIT.json(next.out()).getJsonNumber("export_id").longValue()).isEqualTo(FIRST_JOB + 1);
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
    }
}
