package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.Journal;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-file}: the file a cron run leaves, read back by an independent Prometheus text-format parser
 * (Hawkular's), its counters held against the simulator's journal; a failing run writes it too.
 */
class MetricsFileIT {
    private static final Instant NOW = Instant.parse("2024-01-05T03:00:00Z");
    private final String key = "metrics_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "mf").defaultEvents(200)
                .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(30), Duration.ofMillis(60)).build())).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness.Run run(String apiKey, String... args) {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", apiKey)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC")
                .clock(ExactlyOnceIT.startingAt(NOW)).run(args);
    }

    /** Every sample of the file, as the parser read it. */
    static List<MetricFamily> parse(Path file) throws Exception {
        List<MetricFamily> families = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(in);
            MetricFamily family;
            while ((family = parser.parse()) != null) {
                families.add(family);
            }
        }
        return families;
    }

    static double sum(List<MetricFamily> families, String name, Predicate<Map<String, String>> labels) {
        return families.stream().filter(f -> f.getName().equals(name)).flatMap(f -> f.getMetrics().stream())
                .filter(m -> labels.test(m.getLabels())).mapToDouble(MetricsFileIT::value).sum();
    }

    private static double value(Metric m) {
        if (m instanceof Counter c) {
            return c.getValue();
        }
        if (m instanceof Gauge g) {
            return g.getValue();
        }
        throw new IllegalStateException("not a counter or gauge: " + m.getName());
    }

    @Test
    void givenABackfillWithA429AndAnOpenDay_whenItEnds_thenTheFileParsesAndItsCountersMatchTheJournal()
            throws Exception {
        Path file = dir.resolve("textfile/cometly.prom");
        Files.createDirectories(file.getParent());
        sim.rateLimitNextApiRequests(1);
        CliHarness.Run r = run(key, "backfill", "--from", "2024-01-01", "--to", "2024-01-05", "--out",
                dir.resolve("out").toString(), "--metrics-file", file.toString());
        assertThat(r.code()).as(r.toString()).isZero();

        List<MetricFamily> metrics = parse(file);
        long apiRequests = sim.journal().count(e -> e.host() == Journal.Host.API);
        assertThat(sum(metrics, "cometly_export_requests_total", l -> true)).isEqualTo(apiRequests);
        assertThat(sum(metrics, "cometly_export_requests_total", l -> l.get("status").equals("429")))
                .isEqualTo(sim.journal().rateLimited()).isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_rate_limited_total", l -> true)).isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_requests_total", l -> l.get("endpoint")
                .equals("POST /events/exports") && l.get("status").equals("202"))).isEqualTo(4.0);
        assertThat(sum(metrics, "cometly_export_day_results_total", l -> l.get("result").equals("stored"))).isEqualTo(4.0);
        assertThat(sum(metrics, "cometly_export_day_results_total", l -> l.get("result").equals("open"))).isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_last_success_timestamp_seconds", l -> l.get("dataset")
                .equals("events"))).isCloseTo(NOW.getEpochSecond(), org.assertj.core.data.Offset.offset(120.0));
        assertThat(sum(metrics, "cometly_export_runs_total", l -> l.get("result").equals("ok"))).isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_downloaded_bytes_total", l -> true)).isPositive();
        assertThat(metrics).extracting(MetricFamily::getName).contains("cometly_export_budget_wait_seconds",
                "cometly_export_job_seconds", "cometly_export_job_polls", "cometly_export_verified_lines_total");
        String text = Files.readString(file);
        assertThat(text).doesNotContain(key).doesNotContain("X-Amz").doesNotContain("?")
                .doesNotContain("/events/exports/1");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cometly.prom");
        }
    }

    @Test
    void givenARunThatFails_whenItEnds_thenTheFileCountsTheFailureAndKeepsTheLastSuccess() throws Exception {
        Path file = dir.resolve("cometly.prom");
        CliHarness.Run ok = run(key, "export", "--date", "2024-01-03", "--out", dir.resolve("out").toString(),
                "--metrics-file", file.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        double lastSuccess = sum(parse(file), "cometly_export_last_success_timestamp_seconds", l -> true);

        CliHarness.Run refused = run("not_a_key_of_this_space_0123456789", "backfill", "--from", "2024-01-01",
                "--to", "2024-01-02", "--out", dir.resolve("out").toString(), "--metrics-file", file.toString());
        assertThat(refused.code()).isEqualTo(5);
        List<MetricFamily> metrics = parse(file);
        assertThat(sum(metrics, "cometly_export_runs_total", l -> l.get("command").equals("backfill")
                && l.get("result").equals("failed"))).isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_day_results_total", l -> l.get("result").equals("failed"))).isEqualTo(2.0);
        assertThat(sum(metrics, "cometly_export_requests_total", l -> l.get("status").equals("401")))
                .isEqualTo(1.0);
        assertThat(sum(metrics, "cometly_export_last_success_timestamp_seconds", l -> true))
                .as("carried over from the run before").isEqualTo(lastSuccess);
    }
}
