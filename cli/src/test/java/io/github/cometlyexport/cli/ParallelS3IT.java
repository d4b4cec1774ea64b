package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Many days at once into S3 in a small heap: a CLI process with {@code -Xmx64m} on two cores (two S3 part buffers,
 * one parser thread) backfills eight days of multipart size with {@code --parallel 8}; eight days with buffers of
 * their own would not fit. Every day must be stored, byte for byte the served file, with no upload left behind.
 * (Each download thread holds an S3 part buffer and a block being verified at once; that neither wait can hold up
 * the other is proved deterministically by the verifier's and the S3 budget's own tests, as a hang here would
 * depend on timing.)
 */
class ParallelS3IT {
    private static final String BUCKET = "parallel";
    private final String key = "par_key_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path dir;

    @Test
    void givenEightLargeDaysAndASixtyFourMegabyteHeap_whenBackfilledInParallelIntoS3_thenEveryDayIsStoredWhole()
            throws Exception {
        CliEndToEndIT.KEYS_USED.add(key);
        // One file of about 12 MB (two 8 MiB parts) serves every day: generating eight would take longer than
        // exporting them.
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "par")
                .defaultEvents(250_000).gzipLevel(1).shareFiles(true).rateLimits(600, 600)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(50), Duration.ofMillis(100))
                        .build())).build());
             S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            s3.createBucket(BUCKET);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=2", "-cp",
                    System.getProperty("java.class.path"), TunedCli.class.getName(), "backfill", "--from",
                    "2024-01-01", "--to", "2024-01-08", "--parallel", "8", "--out", "s3://" + BUCKET + "/lake",
                    "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--ledger", "none", "--quiet")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
            builder.environment().putAll(java.util.Map.of("COMETLY_API_KEY", key, "COMETLY_BASE_URL",
                    sim.baseUrl().toString(), "COMETLY_SPACE_ZONE", "UTC", "COMETLY_STATUS_RATE", "600",
                    "COMETLY_CREATE_RATE", "600", "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS, "AWS_SECRET_ACCESS_KEY",
                    S3ProxyServer.SECRET, "AWS_REGION", "us-east-1"));
            Process p = builder.start();
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            String log = Files.readString(dir.resolve("cli.log"));
            assertThat(ended).as("the backfill hung; its log:\n" + log).isTrue();
            assertThat(p.exitValue()).as(log).isZero();

            byte[] served = sim.servedBytes(1001);
            assertThat(served.length).as("a day of at least two parts").isGreaterThan(8 * 1024 * 1024);
            List<S3Object> days = s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("lake/events/"))
                    .contents().stream().filter(o -> o.key().endsWith(".ndjson.gz")).toList();
            assertThat(days).hasSize(8);
            for (S3Object day : days) {
                try (InputStream in = s3.client().getObject(b -> b.bucket(BUCKET).key(day.key()))) {
                    assertThat(sha256(in.readAllBytes())).as(day.key()).isEqualTo(sha256(served));
                }
            }
            assertThat(s3.client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
