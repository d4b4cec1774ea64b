package io.github.cometlyexport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NightlyExport.main} in a JVM of its own, on the module's runtime class path only (as the build resolves it,
 * {@code target/runtime-classpath.txt}): what a host ships. Without {@code -Pprod} it holds no AWS SDK, JDBC driver,
 * Flyway, picocli or simulator, and a dev export still runs end to end; prod says what is missing.
 */
class RuntimeClassPathIT {
    private static final String KEY = "runtime_secret_key_93b1d0c4";
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    /** Whether the build runs with {@code -Pprod} (the pom passes its AWS scope). */
    private static final boolean PROD = "compile".equals(System.getProperty("examples.aws.scope"));

    @TempDir
    Path dir;

    private static List<String> runtimeClassPath() throws IOException {
        String deps = Files.readString(MODULE.resolve("target/runtime-classpath.txt"), StandardCharsets.UTF_8).strip();
        List<String> cp = new ArrayList<>();
        cp.add(MODULE.resolve("target/classes").toString());
        cp.addAll(Arrays.asList(deps.split(File.pathSeparator)));
        return cp;
    }

    private record Run(int exitCode, String output) {
    }

    private Run nightly(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, runtimeClassPath()), NightlyExport.class.getName());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path log = dir.resolve("nightly.log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the nightly export ends").isTrue();
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The child JVM runs on the real clock, so the zone decides whether yesterday is closed: in UTC it is not between
     * 00:00 and 02:00 (the settle time), and the night would store one day. At UTC+14 the local time is always past
     * 14:00, so yesterday there has always ended more than the 2 h settle ago, whenever the build runs.
     */
    private static final String ALWAYS_CLOSED_ZONE = "Pacific/Kiritimati";

    @Test
    void givenTheDefaultRuntimeClassPath_thenNoAwsSdkNoJdbcNoSimulatorAndADevNightRunsThrough() throws Exception {
        List<String> cp = runtimeClassPath();
        assertThat(cp).as("the runtime class path").noneMatch(e -> e.contains("sqlite")
                || e.contains("postgresql") || e.contains("flyway") || e.contains("HikariCP")
                || e.contains("picocli") || e.contains("simulator") || e.contains("test-fixtures")
                || e.contains("junit") || e.contains("s3proxy") || e.contains("netty")
                || e.contains("cometly-export-adapter-parquet") || e.contains("parquet-hadoop")
                || e.contains("zstd-jni") || e.contains("hadoop-common"));
        assertThat(cp).anyMatch(e -> e.contains("cometly-export-app")).anyMatch(e -> e.contains("micrometer-core"));
        if (PROD) {
            assertThat(cp).as("-Pprod: the AWS SDK at run time").anyMatch(e -> e.contains("awssdk/s3/"))
                    .anyMatch(e -> e.contains("apache5-client"));
        } else {
            assertThat(cp).as("without -Pprod: no AWS SDK").noneMatch(e -> e.contains("awssdk"));
            // A local-disk host with meters: our 7 jars and 13 libraries (README, "Using the modules from Java").
            assertThat(cp.stream().filter(e -> !e.replace('\\', '/').contains("examples/target/")))
                    .as("a local-disk host's runtime jars").hasSizeLessThanOrEqualTo(20);
        }

        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder()
                .key(KEY, "runtime").defaultEvents(10).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(20), Duration.ofMillis(20)).build())).build())) {
            Path out = dir.resolve("exports");
            Run run = nightly(Map.of("COMETLY_API_KEY", KEY, "COMETLY_BASE_URL", sim.baseUrl().toString(),
                    "EXPORT_DESTINATION", out.toString(), "COMETLY_SPACE_ZONE", ALWAYS_CLOSED_ZONE));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains(" stored ", "2 days, 0 failed").doesNotContain(KEY);
            assertThat(sim.journal().jobsCreated()).isEqualTo(2);
            try (Stream<Path> files = Files.walk(out)) {
                assertThat(files.filter(f -> f.toString().endsWith(".ndjson.gz"))).hasSize(2);
            }
        }
    }

    @Test
    void givenProdWithoutTheAwsSdk_thenExit2NamingWhatIsMissingAndNeverTheKey() throws Exception {
        assumeFalse(PROD, "built with -Pprod: the AWS SDK is on the runtime class path");
        Run run = nightly(Map.of("COMETLY_API_KEY", KEY, "EXPORT_PROFILE", "prod",
                "EXPORT_DESTINATION", "s3://bucket-1/cometly"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("needs software.amazon.awssdk:s3 and apache5-client", "-Pprod")
                .doesNotContain(KEY);
    }
}
