package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.DayLease;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.FakeSleeps;
import io.github.cometlyexport.testing.ForkedJvm;
import io.github.cometlyexport.testing.SteppingClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that end while, or right after, they are set up: what they leave (the metrics file), how long they wait for a
 * day another process holds, what {@code ledger --json} shows of a day's filters, what a backfill says while a
 * budget holds it back, and what a ledger URL with a password lets through. Time is a test clock that the CLI's
 * waits move: no real sleep.
 */
class CliSetupIT {
    private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");
    private static final String CLOSED = "http://127.0.0.1:1/public-api/v1";
    private final String key = "setup_key_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dir;

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness cli(SteppingClock clock) {
        CliEndToEndIT.KEYS_USED.add(key);
        FakeSleeps sleeps = new FakeSleeps(clock::advance);
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key).env("COMETLY_BASE_URL", CLOSED)
                .env("COMETLY_SPACE_ZONE", "UTC").clock(clock).sleeper(sleeps::sleep);
    }

    /**
     * Runs the command once against a simulator that refuses this key (one request, exit 5): the day's key is then
     * in the ledger as this CLI spells it. The simulator stays up for the test's later runs (whose Space it names).
     */
    private CometlySimulator refusing() {
        return CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key("another_key_0123456789abcdef",
                "other").build());
    }

    private String ledgerUrl() {
        return "jdbc:sqlite:" + dir.resolve("ledger.db");
    }

    private List<DayRecord> ledgerRows() {
        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), Map.of(), new SteppingClock(NOW));
             JdbcLedgerAdapter reader = new JdbcLedgerAdapter(db, Duration.ofMinutes(2), "test-reader")) {
            return reader.list(null, null, null);
        }
    }

    // ---- (a) the metrics file, also when the run fails while it is set up

    private static double sample(Path file, String line) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(line + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(line.length() + 1))).sum();
    }

    @Test
    void givenNoApiKey_whenRunWithAMetricsFile_thenTheFileCountsTheFailedRun() throws Exception {
        Path file = dir.resolve("textfile/cometly.prom");
        Files.createDirectories(file.getParent());
        CliHarness.Run r = new CliHarness(dir.resolve("home")).run("export", "--date", "2024-01-15", "--out",
                dir.resolve("out").toString(), "--metrics-file", file.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(file).as("written although the run never started").isRegularFile();
        assertThat(sample(file, "cometly_export_runs_total{command=\"export\",result=\"failed\"}")).isEqualTo(1.0);
    }

    @Test
    void givenAnUnreachableLedger_whenRunWithAMetricsFile_thenTheFailureIsCountedAndTheLastSuccessCarriedOver()
            throws Exception {
        Path file = dir.resolve("cometly.prom");
        // What an earlier, successful run left.
        Files.writeString(file, "# TYPE cometly_export_last_success_timestamp_seconds gauge\n"
                + "cometly_export_last_success_timestamp_seconds{dataset=\"events\"} 1.7E9\n", StandardCharsets.UTF_8);
        CliHarness.Run r = cli(new SteppingClock(NOW)).run("backfill", "--from", "2024-01-01", "--to", "2024-01-02",
                "--out", dir.resolve("out").toString(), "--ledger",
                "jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2", "--metrics-file", file.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(8);
        assertThat(sample(file, "cometly_export_runs_total{command=\"backfill\",result=\"failed\"}"))
                .isEqualTo(1.0);
        assertThat(sample(file, "cometly_export_last_success_timestamp_seconds{dataset=\"events\"}"))
                .as("carried over").isEqualTo(1.7e9);
    }

    // ---- (c) a day another process holds is waited for within --timeout

    @Test
    void givenADayAnotherProcessHolds_whenExportedWithATimeout_thenExit4NamingTheHolderWithinTheTimeout() {
        SteppingClock clock = new SteppingClock(NOW);
        String out = dir.resolve("out").toString();
        String[] export = {"export", "--date", "2024-01-15", "--out", out, "--ledger", ledgerUrl(), "--timeout", "3s",
            "--json"};
        try (CometlySimulator sim = refusing();
             LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), Map.of(), clock);
             JdbcLedgerAdapter other = new JdbcLedgerAdapter(db, Duration.ofHours(1), "other-host:4242:abc")) {
            // A first run records the day's key in the ledger (as this CLI spells it), then fails: the key is refused.
            CliHarness.Run first = cli(clock).env("COMETLY_BASE_URL", sim.baseUrl().toString()).run(export);
            assertThat(first.code()).as(first.toString()).isEqualTo(5);
            DayKey day = ledgerRows().get(0).key();
            Optional<DayLease> lease = other.claim(day);
            assertThat(lease).as("the other process holds the day").isPresent();
            Instant start = clock.instant();
            CliHarness.Run held = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli(clock)
                    .env("COMETLY_BASE_URL", sim.baseUrl().toString()).run(export),
                    "the wait for the held day must end");
            assertThat(held.code()).as(held.toString()).isEqualTo(4);
            assertThat(held.err()).contains("gave up waiting").contains("other-host:4242:abc").contains("--timeout");
            JsonObject row = Json.createReader(new StringReader(held.out().strip())).readObject();
            assertThat(row.getString("status")).isEqualTo("timed_out");
            assertThat(row.getString("message")).contains("other-host:4242:abc");
            assertThat(Duration.between(start, clock.instant())).as("waited on the test clock, within --timeout")
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
        }
    }

    @Test
    void givenADayAnotherProcessHolds_whenBackfilledWithATimeout_thenThatDayTimesOut() {
        SteppingClock clock = new SteppingClock(NOW);
        String out = dir.resolve("out").toString();
        String[] backfill = {"backfill", "--from", "2024-01-15", "--to", "2024-01-15", "--out", out, "--ledger",
            ledgerUrl(), "--timeout", "3s", "--json"};
        try (CometlySimulator sim = refusing();
             LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), Map.of(), clock);
             JdbcLedgerAdapter other = new JdbcLedgerAdapter(db, Duration.ofHours(1), "other-host:4242:abc")) {
            assertThat(cli(clock).env("COMETLY_BASE_URL", sim.baseUrl().toString()).run(backfill).code())
                    .isEqualTo(5);
            DayKey day = ledgerRows().get(0).key();
            assertThat(other.claim(day)).isPresent();
            CliHarness.Run held = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli(clock)
                    .env("COMETLY_BASE_URL", sim.baseUrl().toString()).run(backfill),
                    "the wait for the held day must end");
            assertThat(held.code()).as(held.toString()).isEqualTo(4);
            assertThat(held.err()).contains("2024-01-15: gave up waiting").contains("other-host:4242:abc");
        }
    }

    // ---- (d) ledger --json prints the filters as an object

    @Test
    void givenADayWithFilters_whenLedgerJson_thenFiltersIsAnObject() {
        ExportRequest request = ExportRequest.builder().date("2024-01-15").eventNames(List.of("purchase", "lead_generated"))
                .sources(List.of("facebook")).attributionModel("first_touch").attributionWindow(7).build();
        DayKey day = DayKey.of("http://x/v1 key:abc", dir.resolve("out").toString(), TableDefinition.of(request),
                LocalDate.parse("2024-01-15"));
        try (LedgerDatabase db = LedgerDatabase.open(ledgerUrl(), Map.of(), new SteppingClock(NOW));
             JdbcLedgerAdapter writer = new JdbcLedgerAdapter(db, Duration.ofMinutes(2), "test-writer")) {
            writer.claim(day).orElseThrow().close();
        }
        CliHarness.Run r = cli(new SteppingClock(NOW)).run("ledger", "--ledger", ledgerUrl(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject filters = Json.createReader(new StringReader(r.out().strip())).readObject()
                .getJsonObject("filters");
        assertThat(filters.getJsonArray("event_names").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder("purchase", "lead_generated");
        assertThat(filters.getJsonArray("sources").getString(0)).isEqualTo("facebook");
        assertThat(filters.getString("attribution_model")).isEqualTo("first_touch");
        assertThat(filters.getInt("attribution_window")).isEqualTo(7);
        assertThat(filters.getString("query_mode")).isNotBlank();
    }

    // ---- (g) a backfill held back by the create budget says so

    @Test
    void givenABackfillPacedByTheCreateBudget_whenPiped_thenItSaysItIsWaitingForTheBudget() {
        SteppingClock clock = new SteppingClock(NOW);
        CliEndToEndIT.KEYS_USED.add(key);
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "setup")
                .defaultEvents(50).rateLimits(600, 600).clock(clock).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofSeconds(1), Duration.ofSeconds(1)).build())).build())) {
            CliHarness.Run r = cli(clock).env("COMETLY_BASE_URL", sim.baseUrl().toString()).run("backfill", "--from",
                    "2024-01-15", "--to", "2024-01-16", "--out", dir.resolve("out").toString(), "--parallel", "1",
                    "--create-rate", "1", "--status-rate", "600");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).containsPattern("waiting [0-9]+ s for the Space's create budget \\(1 per minute\\)");
            assertThat(sim.journal().jobsCreated()).isEqualTo(2);
        }
    }

    // ---- item 9: a ledger URL's password never reaches the output, java.util.logging's lines included

    @Test
    void givenALedgerUrlWithAPasswordInItsUserInfo_whenRun_thenNoOutputShowsThePassword() throws Exception {
        CliEndToEndIT.KEYS_USED.add(key);
        for (String url : List.of("jdbc:postgresql://u:secretpass@127.0.0.1/db?connectTimeout=2",
                "jdbc:postgresql://u:secretpass@127.0.0.1:1/db?connectTimeout=2")) {
            for (boolean verbose : List.of(false, true)) {
                List<String> args = new java.util.ArrayList<>(List.of("export", "--date", "2024-01-15", "--out",
                        dir.resolve("out").toString(), "--api-key", key, "--base-url", CLOSED, "--ledger", url));
                if (verbose) {
                    args.add("--verbose");
                }
                ForkedJvm.Result r = ForkedJvm.runToExit(TunedCli.class, "128m", Duration.ofSeconds(90),
                        args.toArray(String[]::new));
                CliHarness.PRINTED.add(r.output());
                assertThat(r.exitCode()).as(url + " verbose " + verbose + "\n" + r.output()).isNotZero();
                assertThat(r.output()).as(url + " verbose " + verbose).doesNotContain("secretpass");
            }
        }
    }

    @Test
    void givenJavaUtilLoggingLines_whenTheCliLogs_thenOnlyWithVerboseAndScrubbed() throws Exception {
        String quiet = ForkedJvm.runToExit(JulProbe.class, "64m", Duration.ofSeconds(60), "quiet").output();
        assertThat(quiet).doesNotContain("invalid port number").doesNotContain("hunter2").contains("probe done");
        String verbose = ForkedJvm.runToExit(JulProbe.class, "64m", Duration.ofSeconds(60), "verbose").output();
        assertThat(verbose).contains("WARN org.postgresql.Driver - JDBC URL invalid port number: <redacted>@db")
                .contains("postgresql://u:<redacted>@db").doesNotContain("hunter2");
    }
}
