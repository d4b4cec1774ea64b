package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, every exit code of the contract, against the simulator on loopback. */
class CliEndToEndIT {
    static final Set<String> KEYS_USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final String key = "cli_key_" + UUID.randomUUID().toString().replace("-", "");
    @TempDir
    Path dir;
    private CometlySimulator sim;

    private static JobScript quick() {
        return JobScript.builder().timeline(Duration.ofMillis(200), Duration.ofMillis(300)).build();
    }

    private CometlySimulator start(SimulatorConfig.Builder config) {
        KEYS_USED.add(key);
        sim = CometlySimulator.start(config.key(key, "cli").build());
        return sim;
    }

    private CometlySimulator start() {
        return start(SimulatorConfig.defaults().toBuilder().defaultEvents(500).rateLimits(600, 600)
                .scriptCycle(List.of(quick())));
    }

    private CliHarness cli() {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600");
    }

    @org.junit.jupiter.api.AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    private String createJob() {
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("seed").toString(),
                "--json", "--quiet");
        assertThat(r.code()).as(r.toString()).isZero();
        return Long.toString(json(r.out()).getJsonNumber("export_id").longValue());
    }

    @Test
    void givenExport_whenRunWithJson_thenVerifiedFileManifestAndContractShape() throws Exception {
        start();
        Path out = dir.resolve("exports");
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--event-name", "purchase", "--out",
                out.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = json(r.out());
        assertThat(o.keySet()).containsExactlyInAnyOrder("export_id", "dataset", "date", "status", "location",
                "bytes", "sha256", "events", "attempts", "provisional");
        assertThat(o.getString("dataset")).isEqualTo("events");
        assertThat(o.getBoolean("provisional")).isFalse();
        assertThat(o.getString("date")).isEqualTo("2024-01-15");
        assertThat(o.getString("status")).isEqualTo("completed");
        assertThat(o.getInt("events")).isEqualTo(500);
        assertThat(o.getInt("attempts")).isEqualTo(1);
        Path file = Path.of(o.getString("location"));
        assertThat(file).isEqualTo(out.resolve("events/date=2024-01-15/events-2024-01-15.ndjson.gz")
                .toAbsolutePath());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isEqualTo(sim.servedBytes(o.getInt("export_id")));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(o.getString("sha256"));
        assertThat(file.resolveSibling("_manifest.json")).exists();
        assertThat(out.resolve("events/_table.json")).exists();
        assertThat(r.err()).contains("stored: ");

        CliHarness.Run again = cli().run("export", "--date", "2024-01-15", "--event-name", "purchase", "--out",
                out.toString(), "--json");
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("already stored, skipped");
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);
    }

    @Test
    void givenShapeVerification_whenExported_thenStoredAndAnUnknownModeIsRefused() throws Exception {
        start();
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.toString(), "--verify", "shape",
                "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(json(r.out()).getInt("events")).isEqualTo(500);
        CliHarness.Run bad = cli().run("export", "--date", "2024-01-16", "--out", dir.toString(), "--verify", "loose");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--verify must be json or shape");
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);
    }

    @Test
    void givenStatusAndWait_whenRun_thenJsonShapeAndNoLink() {
        start();
        String id = createJob();
        CliHarness.Run status = cli().run("status", id, "--json");
        assertThat(status.code()).as(status.toString()).isZero();
        JsonObject o = json(status.out());
        assertThat(o.keySet()).containsExactlyInAnyOrder("export_id", "status", "created_at", "completed_at",
                "expires_at");
        assertThat(status.err()).contains("completed").contains("expires").doesNotContain("http");
        sim.scriptNextJob(JobScript.builder().timeline(Duration.ofMillis(100), Duration.ofMillis(800)).build());
        CliHarness.Run created = cli().run("export", "--date", "2024-01-16", "--out", dir.toString(), "--quiet",
                "--json");
        assertThat(created.code()).isZero();
        CliHarness.Run waited = cli().run("wait", Long.toString(json(created.out()).getJsonNumber("export_id")
                .longValue()), "--json");
        assertThat(waited.code()).isZero();
        assertThat(json(waited.out()).getString("status")).isEqualTo("completed");
    }

    @Test
    void givenDownloadById_whenRun_thenStoredUnderExportIdAndWaitOnQueuedJobWorks() {
        start();
        String id = createJob();
        CliHarness.Run r = cli().run("download", id, "--out", dir.resolve("dl").toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = json(r.out());
        assertThat(o.isNull("date")).isTrue();
        assertThat(o.getString("location")).endsWith("export_id=" + id + "/events-" + id + ".ndjson.gz");
    }

    @Test
    void givenS3Destination_whenExported_thenObjectStoredInS3Proxy() throws Exception {
        start();
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            s3.createBucket("cli-exports");
            // The AWS SDK reads credentials from its default chain; system properties are part of it.
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
            CliHarness.Run r;
            try {
                r = cli().run("export", "--date", "2024-01-15", "--out", "s3://cli-exports/raw", "--s3-endpoint",
                            s3.endpoint().toString(), "--s3-path-style", "--json");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            assertThat(r.code()).as(r.toString()).isZero();
            JsonObject o = json(r.out());
            assertThat(o.getString("location")).isEqualTo("s3://cli-exports/raw/events/date=2024-01-15/"
                    + "events-2024-01-15.ndjson.gz");
            assertThat(s3.size("cli-exports", "raw/events/date=2024-01-15/events-2024-01-15.ndjson.gz"))
                    .isEqualTo(o.getJsonNumber("bytes").longValue());
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
            try {
                CliHarness.Run again = cli().run("export", "--date", "2024-01-15", "--out", "s3://cli-exports/raw",
                        "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style");
                assertThat(again.code()).isZero();
                assertThat(again.err()).contains("already stored, skipped");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            assertThat(sim.journal().jobsCreated()).as("the stored day was not exported again").isEqualTo(1);
        }
    }

    @Test
    void givenInvalidInput_whenExported_thenExit2WithEveryProblemAndNoRequest() {
        start();
        CliHarness.Run r = cli().run("export", "--date", "2024-13-01", "--event-name", "nope", "--source", "email",
                "--attribution-window", "3", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("date:").contains("event_names:").contains("attribution_model:")
                .contains("attribution_window:");
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenNoApiKey_whenRun_thenExit2AndNoRequest() {
        start();
        CliHarness.Run r = new CliHarness(dir.resolve("home")).env("COMETLY_BASE_URL", sim.baseUrl().toString())
                .run("status", "1001");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no API key").contains("COMETLY_API_KEY");
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenBadUsage_whenRun_thenExit2() {
        start();
        assertThat(cli().run("export", "--out", dir.toString()).code()).isEqualTo(2);
        assertThat(cli().run("status", "abc").code()).isEqualTo(2);
        assertThat(cli().run("nonsense").code()).isEqualTo(2);
        assertThat(cli().run("status", "1", "--timeout", "soon").code()).isEqualTo(2);
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenRefusedKeys_whenRun_thenExit5() {
        start(SimulatorConfig.defaults().toBuilder().rateLimits(600, 600).key("inactive_" + key, "cli")
                .inactiveKeys(Set.of("inactive_" + key)));
        KEYS_USED.add("inactive_" + key);
        KEYS_USED.add("wrong_" + key);
        CliHarness.Run unknown = cli().env("COMETLY_API_KEY", "wrong_" + key).run("status", "1001");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(5);
        CliHarness.Run inactive = cli().env("COMETLY_API_KEY", "inactive_" + key).run("status", "1001");
        assertThat(inactive.code()).isEqualTo(5);
        assertThat(inactive.err()).contains("inactive");
    }

    @Test
    void givenUnknownExport_whenStatus_thenExit6() {
        start();
        assertThat(cli().run("status", "999999").code()).isEqualTo(6);
    }

    @Test
    void givenJobsThatFail_whenExported_thenExit3AfterTheAllowedAttempts() {
        start(SimulatorConfig.defaults().toBuilder().rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                .timeline(Duration.ofMillis(100), Duration.ofMillis(100)).outcome(JobScript.Outcome.FAILED).build())));
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.toString(), "--max-attempts", "2",
                "--json");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(json(r.out()).getString("status")).isEqualTo("failed");
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
    }

    @Test
    void givenJobStuckQueued_whenWaitedWithAShortTimeout_thenExit4() {
        start(SimulatorConfig.defaults().toBuilder().rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                .outcome(JobScript.Outcome.STAY_QUEUED).build())));
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.toString(), "--timeout", "2s");
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("gave up waiting");
    }

    @Test
    void givenCorruptFile_whenDownloaded_thenExit7AndNothingUnderTheFinalName() throws Exception {
        start();
        sim.scriptNextJob(quick().toBuilder().flipByteAt(2000).build());
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("x").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        try (Stream<Path> files = Files.walk(dir.resolve("x"))) {
            // The table's definition is written before the job; no data file, manifest or part remains.
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactly("_table.json");
        }
    }

    @Test
    void givenDestinationThatIsAFile_whenExported_thenExit8() throws Exception {
        start();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", file.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(8);
        assertThat(r.err()).contains("a file stands where a folder is needed");
    }

    @Test
    void givenUndocumentedStatus_whenWaited_thenExit1NamingTheValue() {
        start();
        sim.scriptNextJob(JobScript.builder().bogusStatus("archived").build());
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'archived'");
    }

    @Test
    void givenConfigFileEnvAndFlag_whenResolved_thenFlagBeatsEnvBeatsFile() throws Exception {
        start();
        String port = Integer.toString(sim.baseUrl().getPort());
        Path config = dir.resolve("home/.config/cometly-export/config.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "api-key=" + key + "\nbase-url=http://127.0.0.1:" + port + "/from-file/v1\n"
                + "status-rate=600\ncreate-rate=600\n", StandardCharsets.UTF_8);
        new CliHarness(dir.resolve("home")).run("status", "5");
        assertThat(lastPath()).as("the file applies").startsWith("/from-file/");
        CliHarness env = new CliHarness(dir.resolve("home")).env("COMETLY_BASE_URL", "http://127.0.0.1:" + port
                + "/from-env/v1");
        env.run("status", "5");
        assertThat(lastPath()).as("env wins over the file").startsWith("/from-env/");
        env.run("status", "5", "--base-url", "http://127.0.0.1:" + port + "/from-flag/v1");
        assertThat(lastPath()).as("a flag wins over env").startsWith("/from-flag/");
    }

    private String lastPath() {
        List<io.github.cometlyexport.simulator.Journal.Entry> entries = sim.journal().entries();
        return entries.get(entries.size() - 1).path();
    }

    @Test
    void givenDemo_whenRun_thenVerifiedFileAndManifestUnderOut() throws Exception {
        CliHarness.Run r = new CliHarness(dir.resolve("home")).run("demo", "--out", dir.resolve("demo").toString(),
                "--events", "3000", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = json(r.out());
        assertThat(o.getInt("events")).isEqualTo(3000);
        assertThat(Path.of(o.getString("location"))).exists();
        try (Stream<Path> files = Files.walk(dir.resolve("demo"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.equals("_manifest.json"));
        }
    }

    @Test
    void givenCompletionRequest_whenRun_thenABashCompletionScriptIsPrinted() {
        CliHarness.Run r = new CliHarness(dir.resolve("home")).run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cometly-export").contains("complete -F");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void givenSimulate_whenRunUntilInterrupted_thenPrintsBaseUrlAndDemoKeyAndEndsCleanly() throws Exception {
        java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        java.io.OutputStream watcher = new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                seen.write(b);
                if (seen.toString(java.nio.charset.StandardCharsets.UTF_8).contains("COMETLY_API_KEY=")) {
                    printed.countDown();
                }
            }
        };
        java.util.concurrent.atomic.AtomicReference<CliHarness.Run> result = new java.util.concurrent.atomic
                .AtomicReference<>();
        Thread runner = new Thread(() -> result.set(new CliHarness(dir.resolve("home")).watchOut(watcher)
                .run("simulate")));
        runner.start();
        // Once it has printed where it runs, interrupt it as a host stopping it would: the interrupt ends its wait
        // whether it is already waiting or about to.
        assertThat(printed.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("printed its address").isTrue();
        runner.interrupt();
        runner.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(30));
        CliHarness.Run r = result.get();
        assertThat(r).isNotNull();
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("COMETLY_BASE_URL=http://127\\.0\\.0\\.1:\\d+/public-api/v1")
                .contains("COMETLY_API_KEY=" + SimulatorConfig.DEMO_KEY);
    }
}
