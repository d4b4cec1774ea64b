package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once at the edges, through the in-process CLI against the simulator, with the clock that says which days
 * are closed injected: open days, provisional days, refreshes, the table's filters, damaged files, a refused key.
 * After every command each partition holds exactly one file that query engines read.
 */
class ExactlyOnceIT {
    /** 2024-01-15 in UTC with the default 2 h settle closes at 2024-01-16T02:00Z. */
    private static final Instant DAY_OPEN = Instant.parse("2024-01-15T20:00:00Z");
    private static final Instant DAY_CLOSED = Instant.parse("2024-01-16T03:00:00Z");

    private final String key = "eo_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;

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

    private CometlySimulator start(SimulatorConfig.Builder config) {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(config.key(key, "eo").build());
        return sim;
    }

    private CometlySimulator start() {
        return start(SimulatorConfig.defaults().toBuilder().defaultEvents(300).rateLimits(600, 600)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(100))
                        .build())));
    }

    /** The test's one clock: every run of a test sees time only go forward from the run before. */
    private ForwardClock clock;

    private CliHarness cli(Instant now) {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC")
                .clock(clockAt(now));
    }

    /** @return the test's clock, reading at least {@code now} (it never goes back between runs) */
    private ForwardClock clockAt(Instant now) {
        clock = clock == null ? new ForwardClock(now) : clock.atLeast(now);
        return clock;
    }

    /**
     * A clock that reads {@code start} now and then runs as time passes: the day's closure is fixed by the test,
     * and the rate budgets and polls still see time go by. Several runs of one test share one such clock.
     */
    static Clock startingAt(Instant start) {
        return new ForwardClock(start);
    }

    private long apiRequests() {
        return sim.journal().count(e -> e.path().startsWith("/public-api"));
    }

    static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    /** The names in a partition that query engines read as data: exactly one after every command. */
    static List<String> dataFiles(Path partition) throws IOException {
        if (!Files.isDirectory(partition)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(partition)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.startsWith("."))
                    .toList();
        }
    }

    @Test
    void givenDayNotOverInTheSpacesZone_whenExported_thenExit2SayingWhenItClosesAndNoRequest() {
        start();
        CliHarness.Run r = cli(DAY_OPEN).run("export", "--date", "2024-01-15", "--out", dir.resolve("t").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("2024-01-15 is not over").contains("closes at 2024-01-16T02:00:00Z")
                .contains("--partial");
        assertThat(apiRequests()).isZero();
        // Unset, the zone is the latest on earth: at 03:00Z the day is still open (it closes at 14:00Z).
        CliHarness.Run latest = new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).clock(clockAt(DAY_CLOSED))
                .run("export", "--date", "2024-01-15", "--out", dir.resolve("t").toString());
        assertThat(latest.code()).isEqualTo(2);
        assertThat(latest.err()).contains("closes at 2024-01-16T14:00:00Z");
        assertThat(apiRequests()).isZero();
    }

    @Test
    void givenPartialExportOfAnOpenDay_whenExportedAgainOnceClosed_thenTheProvisionalFileIsReplaced() throws Exception {
        start();
        Path out = dir.resolve("t");
        Path partition = out.resolve("events/date=2024-01-15");
        CliHarness.Run partial = cli(DAY_OPEN).run("export", "--date", "2024-01-15", "--partial", "--out",
                out.toString(), "--json");
        assertThat(partial.code()).as(partial.toString()).isZero();
        assertThat(json(partial.out()).getBoolean("provisional")).isTrue();
        assertThat(dataFiles(partition)).containsExactly("events-2024-01-15.ndjson.gz");

        CliHarness.Run stillOpen = cli(DAY_OPEN).run("export", "--date", "2024-01-15", "--partial", "--out",
                out.toString());
        assertThat(stillOpen.err()).as("an open day's provisional file stands").contains("already stored");

        CliHarness.Run closed = cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out", out.toString(),
                "--json");
        assertThat(closed.code()).as(closed.toString()).isZero();
        JsonObject o = json(closed.out());
        assertThat(o.getBoolean("provisional")).isFalse();
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
        assertThat(dataFiles(partition)).containsExactly("events-2024-01-15.ndjson.gz");
        assertThat(Files.readAllBytes(partition.resolve("events-2024-01-15.ndjson.gz")))
                .isEqualTo(sim.servedBytes(o.getInt("export_id")));
        assertThat(Files.readString(partition.resolve("_manifest.json"))).contains("\"provisional\":false");

        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out", out.toString()).err())
                .contains("already stored");
        assertThat(sim.journal().jobsCreated()).as("a final day is not exported again").isEqualTo(2);
    }

    @Test
    void givenStoredDays_whenBackfilledWithRefreshDays_thenTheLastTwoAreReplacedWhileAReaderAlwaysSeesOneFile()
            throws Exception {
        start();
        Path out = dir.resolve("t");
        Instant now = Instant.parse("2024-01-05T03:00:00Z");
        CliHarness.Run first = cli(now).run("backfill", "--from", "2024-01-01", "--out", out.toString(), "--json");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out().lines()).hasSize(4);
        assertThat(sim.journal().jobsCreated()).isEqualTo(4);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                for (int d = 3; d <= 4; d++) {
                    try {
                        Path partition = out.resolve("events/date=2024-01-0" + d);
                        List<String> data = dataFiles(partition);
                        if (data.size() != 1 || Files.size(partition.resolve(data.get(0))) == 0) {
                            seen.compareAndSet(null, partition + " held " + data);
                        }
                    } catch (IOException e) {
                        seen.compareAndSet(null, e.toString());
                    }
                }
            }
        });
        reader.start();
        CliHarness.Run refresh = cli(now).run("backfill", "--from", "2024-01-01", "--out", out.toString(),
                "--refresh-days", "2", "--json");
        running.set(false);
        reader.join();
        assertThat(refresh.code()).as(refresh.toString()).isZero();
        assertThat(seen.get()).as("what a concurrent reader saw").isNull();
        assertThat(sim.journal().jobsCreated()).isEqualTo(6);
        List<JsonObject> rows = refresh.out().lines().map(ExactlyOnceIT::json).toList();
        assertThat(rows).extracting(o -> o.getString("date") + " " + o.getString("status")).containsExactly(
                "2024-01-01 skipped", "2024-01-02 skipped", "2024-01-03 completed", "2024-01-04 completed");
        for (JsonObject o : rows.subList(2, 4)) {
            assertThat(Files.readAllBytes(Path.of(o.getString("location"))))
                    .isEqualTo(sim.servedBytes(o.getInt("export_id")));
        }
    }

    @Test
    void givenToLeftOutOrBeyondTheLastClosedDay_whenBackfilled_thenLaterDaysAreListedOpenAndNotExported() {
        start();
        Path out = dir.resolve("t");
        Instant now = Instant.parse("2024-01-03T01:00:00Z");
        CliHarness.Run r = cli(now).run("backfill", "--from", "2024-01-01", "--to", "2024-01-03", "--out",
                out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines().map(ExactlyOnceIT::json).map(o -> o.getString("date") + " "
                + o.getString("status"))).containsExactly("2024-01-01 completed", "2024-01-02 open",
                "2024-01-03 open");
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);
        CliHarness.Run defaulted = cli(now).run("backfill", "--from", "2024-01-01", "--out", out.toString(), "--json");
        assertThat(defaulted.out().lines()).hasSize(1);
    }

    @Test
    void givenATableWithOtherFilters_whenExportedIntoIt_thenExit2BeforeAnyRequest() {
        start();
        Path out = dir.resolve("t");
        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--event-name", "purchase",
                "--event-name", "sign_up", "--out", out.toString()).code()).isZero();
        long before = apiRequests();
        for (String[] args : List.of(new String[] {"export", "--date", "2024-01-14", "--out", out.toString()},
                new String[] {"backfill", "--from", "2024-01-10", "--event-name", "sign_up", "--out", out.toString()})) {
            CliHarness.Run r = cli(DAY_CLOSED).run(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("this table holds events exported with").contains("use another --out");
        }
        assertThat(apiRequests()).isEqualTo(before);
        // The same filters in another order are the same table.
        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-14", "--event-name", "sign_up",
                "--event-name", "purchase", "--out", out.toString()).code()).isZero();
    }

    @Test
    void givenATableOfGzipFiles_whenExportedIntoItAsNdjson_thenExit2BeforeAnyRequest() throws Exception {
        start();
        Path out = dir.resolve("t");
        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out", out.toString()).code()).isZero();
        assertThat(Files.readString(out.resolve("events/_table.json"))).contains("\"data_format\":\"gzip\"")
                .contains("\"data_extension\":\".ndjson.gz\"");
        long before = apiRequests();
        for (String[] args : List.of(new String[] {"export", "--date", "2024-01-14", "--format", "ndjson", "--out",
            out.toString()}, new String[] {"backfill", "--from", "2024-01-10", "--format", "ndjson", "--out",
            out.toString()})) {
            CliHarness.Run r = cli(DAY_CLOSED).run(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("this table keeps its events files as gzip (*.ndjson.gz), not ndjson "
                    + "(*.ndjson)").contains("use --format gzip or another --out");
        }
        assertThat(apiRequests()).isEqualTo(before);
    }

    @Test
    void givenStoredFileCorruptedAtTheSameSize_whenExportedAgain_thenItIsReplaced() throws Exception {
        start();
        Path out = dir.resolve("t");
        Path file = out.resolve("events/date=2024-01-15/events-2024-01-15.ndjson.gz");
        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out", out.toString()).code()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        CliHarness.Run again = cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out", out.toString(),
                "--json");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
        byte[] stored = Files.readAllBytes(file);
        assertThat(stored).isEqualTo(sim.servedBytes(json(again.out()).getInt("export_id")));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)))
                .isEqualTo(json(again.out()).getString("sha256"));
    }

    @Test
    void givenRevokedKey_whenThirtyDaysAreBackfilled_thenOneCreateThenEveryDayRefusedAndExit5() throws Exception {
        start(SimulatorConfig.defaults().toBuilder().rateLimits(600, 600).inactiveKeys(java.util.Set.of(key)));
        Path out = dir.resolve("t");
        CliHarness.Run r = cli(Instant.parse("2024-02-01T03:00:00Z")).run("backfill", "--from", "2024-01-01",
                "--to", "2024-01-30", "--parallel", "8", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(sim.journal().count(e -> e.method().equals("POST"))).as("creates sent").isEqualTo(1);
        assertThat(r.out().lines()).hasSize(30).allSatisfy(l -> assertThat(json(l).getString("status"))
                .isEqualTo("error"));
    }

    @Test
    void givenCompletePartOfTheSameObject_whenDownloadedAgain_thenItIsFinishedWithoutRefetching() throws Exception {
        start();
        Path out = dir.resolve("t");
        String id = Long.toString(json(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--out",
                dir.resolve("first").toString(), "--json").out()).getInt("export_id"));
        byte[] served = sim.servedBytes(Long.parseLong(id));
        Path folder = Files.createDirectories(out.resolve("export_id=" + id));
        Files.write(folder.resolve(".events-" + id + ".ndjson.gz.part"), served);
        String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(served)) + "\"";
        Files.writeString(folder.resolve(".events-" + id + ".ndjson.gz.part.etag"), etag);
        int before = sim.journal().entries().size();
        CliHarness.Run r = cli(DAY_CLOSED).run("download", id, "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(folder.resolve("events-" + id + ".ndjson.gz"))).isEqualTo(served);
        assertThat(sim.journal().entries().subList(before, sim.journal().entries().size()))
                .filteredOn(e -> e.host() == io.github.cometlyexport.simulator.Journal.Host.DOWNLOAD)
                .extracting(e -> e.status()).containsExactly(416);
        assertThat(dataFiles(folder)).containsExactly("events-" + id + ".ndjson.gz");
    }

    @Test
    void givenFormatNdjson_whenExported_thenTheDecompressedLinesAreStoredAndHashed() throws Exception {
        start();
        Path out = dir.resolve("plain");
        CliHarness.Run r = cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--format", "ndjson", "--out",
                out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = json(r.out());
        Path file = out.resolve("events/date=2024-01-15/events-2024-01-15.ndjson");
        assertThat(o.getString("location")).isEqualTo(file.toAbsolutePath().toString());
        byte[] plain;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                sim.servedBytes(o.getInt("export_id"))))) {
            plain = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(plain);
        assertThat(o.getJsonNumber("bytes").longValue()).isEqualTo(plain.length);
        assertThat(o.getString("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(plain)));
        assertThat(o.getInt("events")).isEqualTo(300);
        assertThat(dataFiles(file.getParent())).containsExactly("events-2024-01-15.ndjson");
        assertThat(cli(DAY_CLOSED).run("export", "--date", "2024-01-15", "--format", "ndjson", "--out",
                out.toString()).err()).contains("already stored");
    }

    @Test
    void givenDaysThatFailDifferently_whenBackfilled_thenEveryDayHasItsRowAndTheFirstFailedDaySetsTheExitCode() {
        start();
        // --parallel 1 creates the days' jobs in date order, so each script meets its day.
        sim.scriptNextJob(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(50))
                .outcome(JobScript.Outcome.STAY_QUEUED).build());
        sim.scriptNextJob(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(50))
                .outcome(JobScript.Outcome.FAILED).build());
        CliHarness.Run r = cli(Instant.parse("2024-01-04T03:00:00Z")).run("backfill", "--from", "2024-01-01",
                "--parallel", "1", "--max-attempts", "1", "--timeout", "2s", "--out", dir.resolve("t").toString(),
                "--json");
        assertThat(r.out().lines().map(ExactlyOnceIT::json).map(o -> o.getString("date") + " "
                + o.getString("status"))).containsExactly("2024-01-01 timed_out", "2024-01-02 failed",
                "2024-01-03 completed");
        assertThat(r.code()).as("the first failed day's code: timed out").isEqualTo(4);
    }
}
