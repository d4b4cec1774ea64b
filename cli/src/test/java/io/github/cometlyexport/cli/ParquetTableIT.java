package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.LineProfile;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --format parquet} read back by a real query engine (DuckDB, Hive partitioning): typed columns, rows equal to
 * the manifests' counts, every key of every line present (typed or in {@code extra}), and the same answers as the
 * NDJSON table of the very same downloaded files.
 */
class ParquetTableIT {
    private static final String KEY = "pq_key_" + UUID.randomUUID().toString().replace("-", "");
    private static final List<String> TYPED = List.of("id", "event_name", "event_time_utc", "amount");

    @TempDir
    Path dir;
    private CometlySimulator sim;

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private CliHarness cli() {
        CliEndToEndIT.KEYS_USED.add(KEY);
        if (sim == null) {
            sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(KEY, "pq").defaultEvents(3000)
                    .lineProfile(LineProfile.REALISTIC).rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                            .timeline(Duration.ofMillis(100), Duration.ofMillis(100)).build())).build());
        }
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600");
    }

    @Test
    void givenParquetTableOfSeveralDays_whenQueried_thenTypedCompleteAndEqualToTheNdjsonOfTheSameFiles()
            throws Exception {
        Path out = dir.resolve("lake");
        CliHarness.Run r = cli().run("backfill", "--from", "2024-01-01", "--to", "2024-01-03", "--out",
                out.toString(), "--format", "parquet", "--json");
        assertThat(r.code()).as(r.toString()).isZero();

        // The NDJSON table of the very files Cometly served for those jobs, laid out alike.
        Path ndjson = dir.resolve("ndjson");
        Map<LocalDate, Long> manifestRows = new HashMap<>();
        for (int day = 1; day <= 3; day++) {
            LocalDate date = LocalDate.of(2024, 1, day);
            Path partition = out.resolve("events/date=" + date);
            assertThat(partition.resolve("events-" + date + ".parquet")).isRegularFile();
            JsonObject m = Json.createReader(new StringReader(Files.readString(partition.resolve("_manifest.json"))))
                    .readObject();
            byte[] served = sim.servedBytes(m.getJsonNumber("export_id").longValue());
            assertThat(m.getJsonNumber("source_bytes").longValue()).isEqualTo(served.length);
            assertThat(m.getString("source_sha256")).isEqualTo(sha256(served));
            byte[] stored = Files.readAllBytes(partition.resolve("events-" + date + ".parquet"));
            assertThat(m.getJsonNumber("bytes").longValue()).isEqualTo(stored.length);
            assertThat(m.getString("sha256")).isEqualTo(sha256(stored));
            manifestRows.put(date, m.getJsonNumber("events").longValue());
            Files.createDirectories(ndjson.resolve("events/date=" + date));
            Files.write(ndjson.resolve("events/date=" + date + "/events-" + date + ".ndjson.gz"), served);
            assertEveryKeyOfEveryLineKept(served, out.resolve("events/date=" + date + "/events-" + date + ".parquet"));
        }
        assertThat(manifestRows.values()).allSatisfy(n -> assertThat(n).isEqualTo(3000L));

        String parquetTable = "read_parquet('" + out + "/events/*/*.parquet', hive_partitioning = true)";
        String ndjsonTable = "read_ndjson('" + ndjson + "/events/*/*.ndjson.gz', hive_partitioning = true, "
                + "columns = {id: 'VARCHAR', event_name: 'VARCHAR', event_time_utc: 'TIMESTAMPTZ', amount: 'DOUBLE'})";
        assertThat(query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + parquetTable + ")"))
                .containsExactly(List.of("id", "VARCHAR"), List.of("event_name", "VARCHAR"),
                        List.of("event_time_utc", "TIMESTAMP WITH TIME ZONE"), List.of("amount", "DOUBLE"),
                        List.of("extra", "VARCHAR"), List.of("date", "DATE"));
        assertThat(query("SELECT date::VARCHAR, count(*) FROM " + parquetTable + " GROUP BY date ORDER BY date"))
                .containsExactly(List.of("2024-01-01", "" + manifestRows.get(LocalDate.of(2024, 1, 1))),
                        List.of("2024-01-02", "" + manifestRows.get(LocalDate.of(2024, 1, 2))),
                        List.of("2024-01-03", "" + manifestRows.get(LocalDate.of(2024, 1, 3))));
        String aggregate = "SELECT date::VARCHAR, event_name, count(*), count(DISTINCT id), sum(amount)::DECIMAL(18,2), "
                + "min(event_time_utc), max(event_time_utc), count(*) FILTER (WHERE id LIKE 'evt_%') FROM %s "
                + "GROUP BY ALL ORDER BY ALL";
        List<List<String>> fromParquet = query(aggregate.replace("%s", parquetTable));
        assertThat(fromParquet).hasSizeGreaterThan(3);
        assertThat(fromParquet).isEqualTo(query(aggregate.replace("%s", ndjsonTable)));
    }

    @Test
    void givenParquetDays_whenRerunAfterOneWasDamaged_thenTheOthersAreSkippedAndTheDamagedOneReplaced()
            throws Exception {
        Path out = dir.resolve("lake");
        String[] backfill = {"backfill", "--from", "2024-02-01", "--to", "2024-02-02", "--out", out.toString(),
            "--format", "parquet"};
        assertThat(cli().run(backfill).code()).isZero();
        Path damaged = out.resolve("events/date=2024-02-02/events-2024-02-02.parquet");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 1;
        Files.write(damaged, bytes);
        long jobs = sim.journal().jobsCreated();

        CliHarness.Run rerun = cli().run(backfill);
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(sim.journal().jobsCreated()).as("only the damaged day again").isEqualTo(jobs + 1);
        JsonObject m = Json.createReader(new StringReader(Files.readString(damaged.resolveSibling("_manifest.json"))))
                .readObject();
        assertThat(m.getString("sha256")).isEqualTo(sha256(Files.readAllBytes(damaged)));
        assertThat(query("SELECT count(*) FROM read_parquet('" + out + "/events/*/*.parquet')"))
                .containsExactly(List.of("6000"));
    }

    @Test
    void givenS3Destination_whenExportedAsParquet_thenTheObjectsAreTheTableAQueryEngineReads() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            s3.createBucket("lake");
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
            String[] backfill = {"backfill", "--from", "2024-03-01", "--to", "2024-03-02", "--out",
                "s3://lake/cometly", "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--format", "parquet"};
            CliHarness.Run r;
            CliHarness.Run again;
            long jobs;
            try {
                r = cli().run(backfill);
                jobs = sim.journal().jobsCreated();
                again = cli().run(backfill);
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(sim.journal().jobsCreated()).as("the stored Parquet days verify and are skipped").isEqualTo(jobs);
            // DuckDB here cannot load httpfs: the objects are copied as they are, then read as a table.
            Path copy = dir.resolve("copy");
            try (S3Client client = s3.client()) {
                for (String day : List.of("2024-03-01", "2024-03-02")) {
                    String prefix = "cometly/events/date=" + day + "/";
                    byte[] parquet = client.getObjectAsBytes(b -> b.bucket("lake").key(prefix + "events-" + day
                            + ".parquet")).asByteArray();
                    JsonObject m = Json.createReader(new StringReader(client.getObjectAsBytes(b -> b.bucket("lake")
                            .key(prefix + "_manifest.json")).asUtf8String())).readObject();
                    assertThat(m.getString("sha256")).isEqualTo(sha256(parquet));
                    assertThat(m.getString("source_sha256")).isEqualTo(sha256(sim.servedBytes(
                            m.getJsonNumber("export_id").longValue())));
                    Files.createDirectories(copy.resolve("events/date=" + day));
                    Files.write(copy.resolve("events/date=" + day + "/events-" + day + ".parquet"), parquet);
                }
            }
            assertThat(query("SELECT date::VARCHAR, count(*), count(extra) FROM read_parquet('" + copy
                    + "/events/*/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL"))
                    .containsExactly(List.of("2024-03-01", "3000", "3000"), List.of("2024-03-02", "3000", "3000"));
        }
    }

    /** Line by line, in order: each typed column holds the line's value, and {@code extra} holds every other key. */
    private static void assertEveryKeyOfEveryLineKept(byte[] served, Path parquet) throws Exception {
        List<List<String>> rows = query("SELECT id, event_name, epoch_us(event_time_utc), amount, extra FROM "
                + "read_parquet('" + parquet + "', file_row_number = true) ORDER BY file_row_number");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ByteArrayInputStream(served)), StandardCharsets.UTF_8))) {
            int i = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                JsonObject source = read(line);
                List<String> row = rows.get(i++);
                JsonObject extra = row.get(4) == null ? JsonValue.EMPTY_JSON_OBJECT : read(row.get(4));
                assertThat(source.get("id").toString().replace("\"", "")).isEqualTo(row.get(0));
                assertThat(source.getString("event_name")).isEqualTo(row.get(1));
                assertThat(Instant.parse(source.getString("event_time_utc")).toEpochMilli() * 1000)
                        .isEqualTo(Long.parseLong(row.get(2)));
                assertThat(source.getJsonNumber("amount").doubleValue()).isEqualTo(Double.parseDouble(row.get(3)));
                assertThat(extra.keySet()).containsExactlyElementsOf(source.keySet().stream()
                        .filter(k -> !TYPED.contains(k)).toList());
                extra.forEach((k, v) -> assertThat(v).as(k).isEqualTo(source.get(k)));
            }
            assertThat(i).isEqualTo(rows.size());
        }
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static List<List<String>> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
