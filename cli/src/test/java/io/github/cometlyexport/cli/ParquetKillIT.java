package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes converting a day to Parquet, killed ({@code SIGKILL}) in the middle of the conversion: no file under
 * the day's final name, and a rerun converts the day whole, byte for byte the file a run that was never killed makes.
 */
class ParquetKillIT {
    private static final String KEY = "pqkill_key_" + UUID.randomUUID().toString().replace("-", "");
    private static final String DAY = "2024-04-01";
    /** Four row groups of at most 122,880 rows: the part file grows a row group at a time while converting. */
    private static final int EVENTS = 400_000;

    @TempDir
    Path dir;

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    @Test
    void givenConversionsKilledAtRandomPoints_whenRerun_thenNothingPartialIsVisibleAndTheDayCompletes()
            throws Exception {
        CliEndToEndIT.KEYS_USED.add(KEY);
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(KEY, "pqkill")
                .defaultEvents(EVENTS).gzipLevel(1).rateLimits(1000, 1000).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(100), Duration.ofMillis(100)).build())).build())) {
            String id = createJob(sim);
            // A run never killed: the file every rerun must make again.
            Path reference = dir.resolve("reference");
            assertThat(download(sim, id, reference).code()).isZero();
            Path referenceFile = reference.resolve("events/date=" + DAY + "/events-" + DAY + ".parquet");
            byte[] expected = Files.readAllBytes(referenceFile);

            Path out = dir.resolve("out");
            Path partition = out.resolve("events/date=" + DAY);
            Path part = partition.resolve(".events-" + DAY + ".parquet.part");
            Path fin = partition.resolve("events-" + DAY + ".parquet");
            Random random = new Random(24);
            int killedMidConversion = 0;
            for (int i = 0; i < 4; i++) {
                // The kill point is progress actually made: the part file holds 20–80% of the file's bytes, i.e. one
                // to three row groups were converted and written, and the rest is being converted.
                long killAt = (long) (expected.length * (0.2 + 0.6 * random.nextDouble()));
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), TunedCli.class.getName(), "download", id,
                        "--date", DAY, "--format", "parquet", "--out", out.toString(), "--quiet", "--api-key", KEY,
                        "--base-url", sim.baseUrl().toString(), "--status-rate", "1000")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("kill-" + i + ".log").toFile()).start();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (p.isAlive() && size(part) < killAt && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(2);
                    }
                } finally {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                if (Files.exists(part) && !Files.exists(fin)) {
                    killedMidConversion++;
                }
                // Nothing under the final name but a complete, committed file.
                if (Files.exists(fin)) {
                    assertThat(Files.readAllBytes(fin)).isEqualTo(expected);
                    Files.delete(partition.resolve("_manifest.json"));
                    Files.delete(fin);
                }
                try (Stream<Path> files = Files.list(partition)) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .allMatch(name -> name.startsWith(".") || name.startsWith("_"));
                }
            }
            System.out.println("parquet kill test: " + killedMidConversion + " of 4 runs killed mid-conversion");
            assertThat(killedMidConversion).as("runs killed in the middle of a conversion").isPositive();

            CliHarness.Run rerun = new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                    .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "1000")
                    .run("download", id, "--date", DAY, "--format", "parquet", "--out", out.toString(), "--json");
            assertThat(rerun.code()).as(rerun.toString()).isZero();
            assertThat(Files.readAllBytes(fin)).isEqualTo(expected);
            JsonObject m = Json.createReader(new StringReader(Files.readString(partition.resolve("_manifest.json"))))
                    .readObject();
            assertThat(m.getJsonNumber("events").longValue()).isEqualTo(EVENTS);
            assertThat(m.getString("sha256")).isEqualTo(ParquetTableIT.sha256(expected));
            assertThat(ParquetTableIT.query("SELECT count(*) FROM '" + fin + "'"))
                    .containsExactly(List.of(Integer.toString(EVENTS)));
            assertThat(part).doesNotExist();
        }
    }

    private CliHarness.Run download(CometlySimulator sim, String id, Path out) {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "1000")
                .run("download", id, "--date", DAY, "--format", "parquet", "--out", out.toString(), "--quiet");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String createJob(CometlySimulator sim) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/events/exports")).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"" + DAY + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Long.toString(Json.createReader(new StringReader(r.body())).readObject().getJsonNumber("export_id")
                .longValue());
    }
}
