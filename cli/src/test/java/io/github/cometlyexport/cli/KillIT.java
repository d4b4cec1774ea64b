package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the CLI process ({@code destroyForcibly}) at seeded random positions of ten downloads (chosen from bytes
 * actually written, so a slow machine kills at the same points): at no point is there a
 * file under its final name that is not complete and committed, and a rerun completes each with identical bytes.
 */
class KillIT {
    private static final String KEY = "kill_key_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dir;

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    @Test
    void givenTenDownloadsKilledAtRandomPoints_whenRerun_thenEachCompletesWithIdenticalBytes() throws Exception {
        CliEndToEndIT.KEYS_USED.add(KEY);
        // Stalls make the transfer slow enough to be killed in the middle; the client's short download timeout
        // turns each stall into a resume.
        JobScript slow = JobScript.builder().timeline(Duration.ofMillis(100), Duration.ofMillis(100))
                .stall(700_000, Duration.ofMillis(600), 2).build();
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(KEY, "kill")
                .defaultEvents(60_000).rateLimits(1000, 1000).scriptCycle(List.of(slow)).build())) {
            Random random = new Random(42);
            Path out = dir.resolve("out");
            List<String> ids = new ArrayList<>();
            int killedMidTransfer = 0;
            for (int i = 0; i < 10; i++) {
                String id = createJob(sim);
                ids.add(id);
                // The kill point is a position in the file, reached by bytes actually written, not a delay that a
                // slow machine could overshoot: kill once the part file holds 10–90% of the object.
                long total = servedLength(sim, Long.parseLong(id));
                long killAt = (long) (total * (0.1 + 0.8 * random.nextDouble()));
                Path part = out.resolve("export_id=" + id + "/.events-" + id + ".ndjson.gz.part");
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dtest.downloadTimeout=300ms", "-cp", System.getProperty("java.class.path"),
                        TunedCli.class.getName(), "download", id,
                        "--out", out.toString(), "--quiet", "--api-key", KEY, "--base-url", sim.baseUrl().toString(),
                        "--status-rate", "1000")
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
                assertOnlyCompleteFilesUnderFinalNames(out, sim);
                if (Files.exists(part)) {
                    killedMidTransfer++;
                }
            }
            System.out.println("kill test: " + killedMidTransfer + " of 10 runs were killed mid-transfer");
            assertThat(killedMidTransfer).as("runs killed in the middle of a transfer").isPositive();
            for (String id : ids) {
                CliHarness.Run rerun = new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                        .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "1000")
                        .tune(TunedCli.downloadTimeout(Duration.ofMillis(300)))
                        .run("download", id, "--out", out.toString(), "--json");
                assertThat(rerun.code()).as(rerun.toString()).isZero();
                Path file = out.resolve("export_id=" + id + "/events-" + id + ".ndjson.gz");
                assertThat(Files.readAllBytes(file)).isEqualTo(sim.servedBytes(Long.parseLong(id)));
            }
            try (Stream<Path> files = Files.walk(out)) {
                assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".part"));
            }
        }
    }

    /**
     * Whatever is under a final name is complete: identical to what is served, and matching its manifest when the
     * manifest (the commit mark, written last) is there.
     */
    private static void assertOnlyCompleteFilesUnderFinalNames(Path out, CometlySimulator sim) throws Exception {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> files = Files.walk(out)) {
            // A partition never holds two files that query engines would read.
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("_")
                    && !p.getFileName().toString().startsWith(".")).collect(java.util.stream.Collectors
                    .groupingBy(Path::getParent, java.util.stream.Collectors.counting())))
                    .allSatisfy((folder, count) -> assertThat(count).as(folder.toString()).isEqualTo(1L));
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList()) {
                String name = f.getFileName().toString();
                long id = Long.parseLong(name.substring("events-".length(), name.indexOf('.')));
                assertThat(Files.readAllBytes(f)).as(name).isEqualTo(sim.servedBytes(id));
                Path manifest = f.resolveSibling("_manifest.json");
                if (Files.exists(manifest)) {
                    assertThat(Files.readString(manifest)).contains("\"bytes\":" + Files.size(f));
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The object's length once the simulator has written it (its job's file is generated in the background). */
    private static long servedLength(CometlySimulator sim, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return sim.servedBytes(id).length;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    private static String createJob(CometlySimulator sim) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/events/exports")).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2024-04-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Long.toString(Json.createReader(new StringReader(r.body())).readObject().getJsonNumber("export_id")
                .longValue());
    }
}
