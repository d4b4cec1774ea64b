package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random scenarios of {@code download} and {@code export} against a misbehaving simulator. Each ends either
 * with a verified file identical to the one served, or with the documented exit code and nothing under a final name.
 */
class ChaosIT {
    private static final String KEY = "chaos_key_" + UUID.randomUUID().toString().replace("-", "");
    private static final int EVENTS = 20_000;
    private CometlySimulator sim;

    @TempDir
    Path dir;

    enum Fault { NONE, CUTS, STALL, BURST_5XX, BURST_429, TRUNCATE, FLIP, FAIL_TWICE, FAIL_ALWAYS }

    record Scenario(long seed, String command, Fault fault, int count, long offset) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + command + " with " + fault + " (count " + count + ", offset " + offset + ")";
        }
    }

    static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        for (long seed = 1; seed <= 36; seed++) {
            Random r = new Random(seed);
            Fault fault = Fault.values()[(int) (seed % Fault.values().length)];
            String command = seed % 2 == 0 ? "export" : "download";
            out.add(new Scenario(seed, command, fault, 1 + r.nextInt(3), 10 + r.nextInt(800_000)));
        }
        return out;
    }

    /** A fresh simulator per scenario, so that no scripted job or burst leaks into the next one. */
    @BeforeEach
    void start() {
        CliEndToEndIT.KEYS_USED.add(KEY);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(KEY, "chaos").defaultEvents(EVENTS)
                .rateLimits(1000, 1000).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private JobScript base() {
        return JobScript.builder().timeline(Duration.ofMillis(100), Duration.ofMillis(200)).build();
    }

    /** Scripts the job (or jobs) the scenario needs and returns the exit code the contract promises. */
    private int arrange(Scenario s) {
        JobScript job = base();
        switch (s.fault()) {
            case CUTS -> sim.scriptNextJob(job.toBuilder().cut(s.offset(), s.count()).build());
            case STALL -> sim.scriptNextJob(job.toBuilder().stall(s.offset(), Duration.ofMillis(1500), 1).build());
            case TRUNCATE -> sim.scriptNextJob(job.toBuilder().truncate(s.count() * 37L).build());
            case FLIP -> sim.scriptNextJob(job.toBuilder().flipByteAt(s.offset()).build());
            case FAIL_TWICE -> {
                JobScript failed = job.toBuilder().outcome(JobScript.Outcome.FAILED).build();
                sim.scriptNextJob(failed);
                sim.scriptNextJob(failed);
                sim.scriptNextJob(job);
            }
            case FAIL_ALWAYS -> {
                for (int i = 0; i < 2; i++) {
                    sim.scriptNextJob(job.toBuilder().outcome(JobScript.Outcome.FAILED).build());
                }
            }
            default -> sim.scriptNextJob(job);
        }
        return switch (s.fault()) {
            case TRUNCATE, FLIP -> 7;
            case FAIL_ALWAYS -> 3;
            // A download waits for the one job it was given; only export replaces failed jobs.
            case FAIL_TWICE -> s.command().equals("download") ? 3 : 0;
            // A create answered 5xx may have made a job: it is not retried, and that is exit 1.
            case BURST_5XX -> s.command().equals("export") ? 1 : 0;
            default -> 0;
        };
    }

    private String createJob() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/events/exports")).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2024-03-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        return Long.toString(Json.createReader(new StringReader(r.body())).readObject().getJsonNumber("export_id")
                .longValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void givenFaults_whenRun_thenVerifiedIdenticalFileOrDocumentedExitWithNothingFinal(Scenario s) throws Exception {
        int expected = arrange(s);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>();
        if (s.command().equals("download")) {
            String id = createJob();
            args.addAll(List.of("download", id));
        } else {
            args.addAll(List.of("export", "--date", "2024-03-" + String.format("%02d", 1 + s.seed() % 28),
                    "--max-attempts", s.fault() == Fault.FAIL_ALWAYS ? "2" : "3"));
        }
        if (s.fault() == Fault.BURST_5XX) {
            sim.failNextApiRequests(s.count(), 503);
        } else if (s.fault() == Fault.BURST_429) {
            sim.rateLimitNextApiRequests(s.count());
        }
        args.addAll(List.of("--out", out.toString(), "--json"));
        CliHarness.Run run = new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "1000")
                .env("COMETLY_CREATE_RATE", "1000")
                .tune(config -> TunedCli.downloadTimeout(Duration.ofMillis(400)).apply(config)
                        .toBuilder().replacePause(Duration.ZERO).build())
                .run(args.toArray(String[]::new));
        sim.failNextApiRequests(0, 503);
        sim.rateLimitNextApiRequests(0);
        assertThat(run.code()).as(s + "\n" + run).isEqualTo(expected);
        if (expected == 0) {
            JsonObject o = Json.createReader(new StringReader(run.out().strip())).readObject();
            Path file = Path.of(o.getString("location"));
            assertThat(Files.readAllBytes(file)).as(s.toString()).isEqualTo(sim.servedBytes(o.getInt("export_id")));
            assertThat(o.getInt("events")).isEqualTo(EVENTS);
            assertThat(file.resolveSibling("_manifest.json")).exists();
        } else if (Files.exists(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                assertThat(files.map(Path::toString)).as(s.toString())
                        .noneMatch(f -> f.endsWith(".ndjson.gz") || f.endsWith("_manifest.json"));
            }
        }
    }
}
