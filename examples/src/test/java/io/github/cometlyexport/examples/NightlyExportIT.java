package io.github.cometlyexport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.Journal;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.FakeSleeps;
import io.github.cometlyexport.testing.S3ProxyServer;
import io.github.cometlyexport.testing.SteppingClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The host's nightly export end to end, against the simulator on loopback (and S3Proxy for prod), every setting
 * taken from an environment map as the host reads it. Time is a {@link SteppingClock} that the simulator and the
 * client share; the client's waits move it ({@link FakeSleeps}), so hours of polling pass in milliseconds.
 */
class NightlyExportIT {
    private static final String KEY = "nightly_secret_key_4f1c9a7e2b";
    /** Noon, 16 January 2024, UTC: yesterday is the 15th, and closed (in UTC, 2 h after midnight). */
    private static final Instant T0 = Instant.parse("2024-01-16T12:00:00Z");
    private static final LocalDate JAN_14 = LocalDate.parse("2024-01-14");
    private static final LocalDate JAN_15 = LocalDate.parse("2024-01-15");
    private static final LocalDate JAN_16 = LocalDate.parse("2024-01-16");
    private static final long EVENTS = 40;

    @TempDir
    Path dir;

    private SteppingClock clock;
    private FakeSleeps sleeps;
    private CometlySimulator sim;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(Instant now, UnaryOperator<SimulatorConfig.Builder> tune) {
        clock = new SteppingClock(now);
        sleeps = new FakeSleeps(clock::advance);
        sim = CometlySimulator.start(tune.apply(SimulatorConfig.defaults().toBuilder().key(KEY, "nightly")
                .defaultEvents(EVENTS).clock(clock)).build());
    }

    /** The host's environment: the simulator's URL, the key, the Space's zone UTC, and {@code more} on top. */
    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("COMETLY_API_KEY", KEY, "COMETLY_BASE_URL",
                sim.baseUrl().toString(), "COMETLY_SPACE_ZONE", "UTC"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private List<DayResult> run(Map<String, String> env, MemoryStore store) {
        return NightlyExport.run(HostSettings.from(env), registry, store, clock, sleeps::sleep);
    }

    private static final Pattern DATE = Pattern.compile("\"date\"\\s*:\\s*\"([0-9-]{10})\"");

    /** @return jobs the simulator created for that day (from its journal of create bodies) */
    private long createsFor(LocalDate day) {
        return sim.journal().count(e -> e.host() == Journal.Host.API && e.method().equals("POST")
                && e.status() / 100 == 2 && e.body() != null && DATE.matcher(e.body()).results()
                .anyMatch(m -> m.group(1).equals(day.toString())));
    }

    private double dayResults(String result) {
        Counter c = registry.find("cometly.export.day.results").tags("dataset", "events", "result", result)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void givenDevInMemory_whenTheNightRuns_thenBothDaysAreInTheHostsStoreAndTheRegistryHasTheirMeters()
            throws IOException {
        start(T0, b -> b);
        MemoryStore store = new MemoryStore();

        List<DayResult> days = run(env("EXPORT_DESTINATION", HostSettings.MEMORY), store);

        assertThat(days).extracting(DayResult::day).containsExactly(JAN_14, JAN_15);
        assertThat(days).allSatisfy(d -> assertThat(d).isInstanceOf(DayResult.Stored.class));
        assertThat(store.size()).isEqualTo(2);
        for (DayResult day : days) {
            DayResult.Stored stored = (DayResult.Stored) day;
            assertThat(stored.stored().location()).startsWith(store.location() + "/events/date=" + day.day());
            byte[] bytes = store.bytes(ExportFileKey.ofDay(Dataset.EVENTS, day.day())).orElseThrow();
            assertThat(lines(new GZIPInputStream(new ByteArrayInputStream(bytes)))).isEqualTo(EVENTS)
                    .isEqualTo(stored.stored().manifest().events());
            assertThat(sha256(bytes)).isEqualTo(stored.stored().manifest().sha256());
        }
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);

        assertThat(dayResults("stored")).isEqualTo(2.0);
        Gauge lastSuccess = registry.find("cometly.export.last.success.timestamp").tag("dataset", "events").gauge();
        assertThat(lastSuccess).as("the last-success gauge").isNotNull();
        assertThat((long) lastSuccess.value()).isBetween(T0.getEpochSecond(), clock.instant().getEpochSecond());
        assertThat(registry.find("cometly.export.requests").counters()).as("API requests are metered")
                .isNotEmpty();

        List<String> summary = NightlyExport.summary(HostSettings.from(env()), days);
        assertThat(summary).hasSize(3).last().isEqualTo("2 days, 0 failed");
        assertThat(String.join("\n", summary)).contains("2024-01-15 stored memory:store-").doesNotContain(KEY);
        assertThat(NightlyExport.exitCode(days)).isZero();
    }

    @Test
    void givenAFolder_whenTheNextNightRuns_thenTheDayBeforeIsExportedAgainAndItsFileReplaced() throws IOException {
        start(T0, b -> b);
        Path out = dir.resolve("exports");
        Map<String, String> env = env("EXPORT_DESTINATION", out.toString());

        List<DayResult> first = run(env, new MemoryStore());
        clock.advance(Duration.ofDays(1));
        List<DayResult> second = run(env, new MemoryStore());

        assertThat(first).extracting(DayResult::day).containsExactly(JAN_14, JAN_15);
        assertThat(second).extracting(DayResult::day).containsExactly(JAN_15, JAN_16);
        assertThat(first).allSatisfy(d -> assertThat(d).isInstanceOf(DayResult.Stored.class));
        // The 15th is stored already, and exported again all the same: the refresh.
        assertThat(second).allSatisfy(d -> assertThat(d).isInstanceOf(DayResult.Stored.class));
        assertThat(createsFor(JAN_14)).isEqualTo(1);
        assertThat(createsFor(JAN_15)).isEqualTo(2);
        assertThat(createsFor(JAN_16)).isEqualTo(1);

        DayResult.Stored before = (DayResult.Stored) first.get(1);
        DayResult.Stored after = (DayResult.Stored) second.get(0);
        assertThat(after.stored().location()).as("the same final name").isEqualTo(before.stored().location());
        assertThat(after.stored().manifest().exportId()).isNotEqualTo(before.stored().manifest().exportId());
        Path file = Path.of(after.stored().location());
        assertThat(file).startsWith(out.toRealPath());
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(after.stored().manifest().sha256());
        String manifest = Files.readString(file.resolveSibling("_manifest.json"));
        assertThat(manifest).contains(Long.toString(after.stored().manifest().exportId().value()));
        try (Stream<Path> beside = Files.list(file.getParent())) {
            assertThat(beside.map(p -> p.getFileName().toString()))
                    .as("one data file; beside it only _ and . names")
                    .allMatch(n -> n.equals(file.getFileName().toString()) || n.startsWith("_") || n.startsWith("."));
        }
    }

    @Test
    void givenMaxAttempts2AndJobsThatFail_whenTheNightRuns_thenTwoJobsPerDayAndTheRunFails() {
        start(T0, b -> b.scriptCycle(List.of(JobScript.builder().outcome(JobScript.Outcome.FAILED).build())));

        List<DayResult> days = run(env("EXPORT_DESTINATION", dir.resolve("out").toString(),
                "EXPORT_MAX_ATTEMPTS", "2"), new MemoryStore());

        assertThat(days).extracting(DayResult::day).containsExactly(JAN_14, JAN_15);
        assertThat(days).allSatisfy(d -> {
            assertThat(d).isInstanceOf(DayResult.JobFailed.class);
            assertThat(d.attempts()).isEqualTo(2);
        });
        assertThat(createsFor(JAN_14)).isEqualTo(2);
        assertThat(createsFor(JAN_15)).isEqualTo(2);
        assertThat(sim.journal().jobsCreated()).isEqualTo(4);
        assertThat(NightlyExport.exitCode(days)).isEqualTo(1);
        assertThat(dayResults("failed")).isEqualTo(2.0);
        assertThat(NightlyExport.summary(HostSettings.from(env()), days)).last().isEqualTo("2 days, 2 failed");
    }

    @Test
    void givenTimeout2MinutesAndJobsThatStayQueued_whenTheNightRuns_thenEachDayGivesUpAfter2Minutes() {
        start(T0, b -> b.scriptCycle(List.of(JobScript.builder().outcome(JobScript.Outcome.STAY_QUEUED).build())));

        List<DayResult> days = run(env("EXPORT_DESTINATION", dir.resolve("out").toString(),
                "EXPORT_TIMEOUT", "PT2M"), new MemoryStore());

        assertThat(days).allSatisfy(d -> {
            assertThat(d).isInstanceOf(DayResult.GaveUp.class);
            DayResult.GaveUp gaveUp = (DayResult.GaveUp) d;
            assertThat(gaveUp.decision().reason()).isIn(PollDecision.Reason.TIMED_OUT,
                    PollDecision.Reason.STUCK_QUEUED);
            assertThat(gaveUp.lastSeen()).isInstanceOf(ExportJob.Queued.class);
        });
        // The default timeout is 2 h (and a queued job's budget 1 h): only EXPORT_TIMEOUT ends the wait this soon.
        // (Short, because the client polls one job as often as the status budget allows: 30 requests a minute.)
        Duration waited = Duration.between(T0, clock.instant());
        assertThat(waited).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(5));
        assertThat(sim.journal().jobsCreated()).as("a job given up on is not replaced").isEqualTo(2);
        assertThat(NightlyExport.exitCode(days)).isEqualTo(1);
    }

    @Test
    void givenTheSpaceInTokyo_whenRunBeforeYesterdaySettledThere_thenYesterdayIsOpenAndNotAskedFor() {
        // 16:00 UTC on the 15th is 01:00 on the 16th in Tokyo: the 15th ended there an hour ago, and settles at 02:00.
        Instant now = Instant.parse("2024-01-15T16:00:00Z");
        start(now, b -> b);

        List<DayResult> days = run(env("EXPORT_DESTINATION", HostSettings.MEMORY, "COMETLY_SPACE_ZONE",
                "Asia/Tokyo"), new MemoryStore());

        assertThat(days).extracting(DayResult::day).containsExactly(JAN_14, JAN_15);
        assertThat(days.get(0)).isInstanceOf(DayResult.Stored.class);
        assertThat(days.get(1)).isInstanceOfSatisfying(DayResult.Open.class, open -> assertThat(open.closesAt())
                .isEqualTo(Instant.parse("2024-01-15T17:00:00Z")));
        assertThat(createsFor(JAN_14)).isEqualTo(1);
        assertThat(createsFor(JAN_15)).as("an open day is not asked for").isZero();
        assertThat(dayResults("open")).isEqualTo(1.0);
        assertThat(NightlyExport.exitCode(days)).as("an open day is no failure").isZero();
    }

    @Test
    void givenProdOnS3Proxy_whenTheNightRuns_thenTheFilesAreInTheBucket() throws Exception {
        start(T0, b -> b);
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            s3.createBucket("nightly-bucket");
            // The client's S3 client takes credentials and region from the SDK's default chain, as in production.
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
            System.setProperty("aws.region", "us-east-1");
            List<DayResult> days;
            try {
                days = run(env("EXPORT_PROFILE", "prod", "EXPORT_DESTINATION", "s3://nightly-bucket/cometly",
                        "EXPORT_S3_ENDPOINT", s3.endpoint().toString()), new MemoryStore());
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
                System.clearProperty("aws.region");
            }

            assertThat(days).extracting(DayResult::day).containsExactly(JAN_14, JAN_15);
            for (DayResult day : days) {
                assertThat(day).isInstanceOf(DayResult.Stored.class);
                DayResult.Stored stored = (DayResult.Stored) day;
                String prefix = "cometly/events/date=" + day.day() + "/";
                List<S3Object> objects = s3.client().listObjectsV2(r -> r.bucket("nightly-bucket").prefix(prefix))
                        .contents();
                S3Object data = objects.stream().filter(o -> o.key().endsWith(".ndjson.gz")).findFirst()
                        .orElseThrow(() -> new AssertionError("no data file under " + prefix + ": " + objects));
                assertThat(stored.stored().location()).isEqualTo("s3://nightly-bucket/" + data.key());
                assertThat(data.size()).isEqualTo(stored.stored().manifest().bytes());
                ResponseBytes<GetObjectResponse> bytes = s3.client()
                        .getObjectAsBytes(r -> r.bucket("nightly-bucket").key(data.key()));
                assertThat(sha256(bytes.asByteArray())).isEqualTo(stored.stored().manifest().sha256());
                assertThat(lines(new GZIPInputStream(bytes.asInputStream()))).isEqualTo(EVENTS);
                assertThat(objects).extracting(S3Object::key).contains(prefix + "_manifest.json");
            }
        }
    }

    @Test
    void givenABadEnvironment_whenRead_thenEveryProblemAtOnceAndNeverTheKey() {
        Map<String, String> bad = Map.of("COMETLY_API_KEY", KEY, "EXPORT_PROFILE", "prod",
                "EXPORT_DESTINATION", "/data/out", "COMETLY_BASE_URL", "app.cometly.com",
                // The key pasted into the wrong variable: not echoed either.
                "COMETLY_SPACE_ZONE", KEY, "EXPORT_MAX_ATTEMPTS", "0", "EXPORT_TIMEOUT", "2 hours",
                "EXPORT_S3_ENDPOINT", "ftp://minio.local");

        assertThatThrownBy(() -> HostSettings.from(bad)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("6 problems in the environment")
                        .contains("EXPORT_DESTINATION must be s3://bucket/prefix in prod",
                                "COMETLY_BASE_URL must be an absolute http(s) URL",
                                "COMETLY_SPACE_ZONE must be a time zone", "EXPORT_MAX_ATTEMPTS must be at least 1",
                                "EXPORT_TIMEOUT must be an ISO-8601 duration",
                                "EXPORT_S3_ENDPOINT must be an absolute http(s) URL", "(not shown)")
                        .doesNotContain(KEY));

        assertThatThrownBy(() -> HostSettings.from(Map.of("EXPORT_PROFILE", "staging")))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("EXPORT_PROFILE must be dev or prod")
                .hasMessageContaining("COMETLY_API_KEY is required");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NightlyExport.execute(bad, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("6 problems", "EXPORT_TIMEOUT")
                .doesNotContain(KEY);
    }

    @Test
    void givenOnlyTheKey_whenRead_thenDevIntoTheExportsFolderWithTheClientsDefaults() {
        HostSettings settings = HostSettings.from(Map.of("COMETLY_API_KEY", KEY));

        assertThat(settings.profile()).isEqualTo(HostSettings.Profile.DEV);
        assertThat(settings.destination()).isEqualTo(HostSettings.DEV_FOLDER);
        assertThat(settings.inMemory()).isFalse();
        assertThat(settings.config().maxAttempts()).isEqualTo(3);
        assertThat(settings.config().timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.config().closure()).isEqualTo(
                io.github.cometlyexport.domain.DayClosure.defaults());
        assertThat(settings.config().s3Endpoint()).isEmpty();
        assertThat(settings.toString()).doesNotContain(KEY);

        HostSettings tuned = HostSettings.from(Map.of("COMETLY_API_KEY", KEY, "EXPORT_PROFILE", "PROD",
                "EXPORT_DESTINATION", "s3://bucket-1/cometly", "EXPORT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "COMETLY_SPACE_ZONE", "Europe/Berlin", "EXPORT_MAX_ATTEMPTS", "5", "EXPORT_TIMEOUT", "PT90M"));
        assertThat(tuned.profile()).isEqualTo(HostSettings.Profile.PROD);
        assertThat(tuned.config().maxAttempts()).isEqualTo(5);
        assertThat(tuned.config().timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(tuned.config().closure().zone()).hasToString("Europe/Berlin");
        assertThat(tuned.config().s3Endpoint()).hasValueSatisfying(u -> assertThat(u).hasPort(9000));
        assertThat(tuned.config().s3PathStyle()).isTrue();
    }

    private static long lines(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
