package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The table layout, replacement and clean-up of dead runs' uploads on an S3 destination (S3Proxy, SigV4). */
class ExactlyOnceS3IT {
    private static final String BUCKET = "exactly-once";
    private final String key = "eos3_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;
    private S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "eos3").defaultEvents(400)
                .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(50), Duration.ofMillis(100)).build())).build());
        s3 = S3ProxyServer.inMemory();
        s3.createBucket(BUCKET);
        // The AWS SDK reads credentials from its default chain; system properties are part of it.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        sim.close();
        s3.close();
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--out", "s3://" + BUCKET + "/lake", "--s3-endpoint", s3.endpoint().toString(),
                "--s3-path-style", "--json"));
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC")
                .clock(ExactlyOnceIT.startingAt(Instant.parse("2024-01-05T03:00:00Z")))
                .run(all.toArray(String[]::new));
    }

    private List<String> keys() {
        return s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key)
                .sorted().toList();
    }

    private int uploadsInProgress() {
        return s3.client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    @Test
    void givenBackfillThenRefresh_whenStoredInS3_thenOneObjectPerDayReplacedInPlaceBesideItsManifest() {
        CliHarness.Run first = run("backfill", "--from", "2024-01-03");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(keys()).containsExactly("lake/events/_table.json",
                "lake/events/date=2024-01-03/_manifest.json", "lake/events/date=2024-01-03/events-2024-01-03.ndjson.gz",
                "lake/events/date=2024-01-04/_manifest.json", "lake/events/date=2024-01-04/events-2024-01-04.ndjson.gz");

        CliHarness.Run refresh = run("backfill", "--from", "2024-01-03", "--refresh-days", "1");
        assertThat(refresh.code()).as(refresh.toString()).isZero();
        JsonObject replaced = json(refresh.out().lines().toList().get(1));
        assertThat(replaced.getString("status")).isEqualTo("completed");
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("lake/events/date=2024-01-04/events-2024-01-04.ndjson.gz")).asByteArray())
                .isEqualTo(sim.servedBytes(replaced.getInt("export_id")));
        assertThat(keys()).hasSize(5);
        assertThat(sim.journal().jobsCreated()).isEqualTo(3);
    }

    @Test
    void givenUploadsLeftByARunThatDied_whenTheDayIsExported_thenTheyAreAbortedAndOneObjectRemains() {
        String dataKey = "lake/events/date=2024-01-04/events-2024-01-04.ndjson.gz";
        // What a killed run leaves behind: a multipart upload with a part, never completed, never visible.
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket(BUCKET).key(dataKey)).uploadId();
        s3.client().uploadPart(b -> b.bucket(BUCKET).key(dataKey).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        assertThat(uploadsInProgress()).isEqualTo(1);

        CliHarness.Run r = run("export", "--date", "2024-01-04");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(uploadsInProgress()).isZero();
        assertThat(keys()).containsExactly("lake/events/_table.json", "lake/events/date=2024-01-04/_manifest.json",
                dataKey);
    }

    @Test
    void givenStoredObjectRewrittenAtTheSameSize_whenExportedAgain_thenItIsReplaced() {
        String dataKey = "lake/events/date=2024-01-04/events-2024-01-04.ndjson.gz";
        assertThat(run("export", "--date", "2024-01-04").code()).isZero();
        byte[] bytes = s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(dataKey)).asByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        s3.client().putObject(b -> b.bucket(BUCKET).key(dataKey), RequestBody.fromBytes(bytes));
        CliHarness.Run again = run("export", "--date", "2024-01-04");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).doesNotContain("already stored");
        assertThat(sim.journal().jobsCreated()).isEqualTo(2);
    }

    @Test
    void givenExportKilledWhileItsUploadIsInProgress_whenRerun_thenNothingWasVisibleAndNoUploadIsLeft()
            throws Exception {
        // A day larger than one 8 MiB part, so that the upload is a multipart one, and a transfer that pauses after
        // the first part so that the run is surely killed with its upload in progress.
        sim.scriptNextJob(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(100)).events(200_000)
                .stall(8_500_000, Duration.ofSeconds(20), 1).build());
        String dataKey = "lake/events/date=2024-01-04/events-2024-01-04.ndjson.gz";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), TunedCli.class.getName(), "export",
                "--date", "2024-01-04", "--out", "s3://" + BUCKET + "/lake", "--s3-endpoint",
                s3.endpoint().toString(), "--s3-path-style", "--ledger", "none")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile());
        builder.environment().putAll(java.util.Map.of("COMETLY_API_KEY", key, "COMETLY_BASE_URL",
                sim.baseUrl().toString(), "COMETLY_SPACE_ZONE", "UTC", "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET, "AWS_REGION", "us-east-1"));
        Process p = builder.start();
        try {
            // Killed once a part is uploaded: progress the process made, not a delay.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && uploadedParts(dataKey) == 0 && System.nanoTime() < deadline) {
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(5);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(uploadsInProgress()).as("the killed run (exit " + p.exitValue() + ", " + uploadedParts(dataKey)
                + " parts) left its upload; its log:\n" + Files.readString(dir.resolve("killed.log"))).isEqualTo(1);
        assertThat(keys()).as("nothing visible but the table").containsExactly("lake/events/_table.json");

        // Without a ledger (SharedLedgerIT covers resuming through one): the store alone cleans up after the kill.
        CliHarness.Run rerun = run("export", "--date", "2024-01-04", "--ledger", "none");
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(uploadsInProgress()).isZero();
        assertThat(keys()).containsExactly("lake/events/_table.json", "lake/events/date=2024-01-04/_manifest.json",
                dataKey);
    }

    private int uploadedParts(String dataKey) {
        return s3.client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .filter(u -> u.key().equals(dataKey))
                .mapToInt(u -> s3.client().listParts(b -> b.bucket(BUCKET).key(dataKey).uploadId(u.uploadId()))
                        .parts().size()).sum();
    }
}
