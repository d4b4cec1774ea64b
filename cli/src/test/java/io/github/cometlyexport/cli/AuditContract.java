package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on a table that the real export path filled (backfill against the simulator) and that was then
 * damaged as files get damaged, and written to as the store writes (a quiet day, a day with a new key, a provisional
 * day), through the store of each kind: each finding is reported, with {@code --deep} the ones only the bytes show,
 * and after the suggested repair the table audits clean.
 */
abstract class AuditContract {
    static final Instant NOW = Instant.parse("2024-01-12T12:00:00Z");
    static final int LINES = 1000;
    private final String key = "audit_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;
    private Clock clock;

    @TempDir
    Path dir;

    /** @return where the table goes, as {@code --out} takes it */
    abstract String out();

    /** @return the options that reach the destination, besides {@code --out} */
    abstract List<String> destinationOptions();

    /** @return the store the test writes through, as the export path does */
    abstract StoreExportFilePort store();

    abstract byte[] read(String relative);

    abstract void write(String relative, byte[] bytes);

    abstract void deletePartition(String relative);

    abstract void delete(String relative);

    @BeforeEach
    void startSimulator() {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "audit").defaultEvents(LINES)
                .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(20), Duration.ofMillis(40)).build())).build());
        clock = ExactlyOnceIT.startingAt(NOW);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out()));
        all.addAll(destinationOptions());
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC").clock(clock)
                .run(all.toArray(String[]::new));
    }

    @Test
    void givenADamagedTable_whenAudited_thenEveryFindingIsReportedAndTheSuggestedRepairMakesItClean()
            throws Exception {
        CliHarness.Run backfill = run("backfill", "--from", "2024-01-01", "--to", "2024-01-11");
        assertThat(backfill.code()).as(backfill.toString()).isZero();
        List<String> day11 = lines(read(data(11)));
        assertThat(day11).hasSize(LINES);

        deletePartition("events/date=2024-01-02");
        byte[] third = read(data(3));
        write(data(3), Arrays.copyOf(third, third.length - 100));
        byte[] fourth = read(data(4));
        fourth[fourth.length / 2] ^= 0x01;
        write(data(4), fourth);
        write("events/date=2024-01-05/events-2024-01-05 (copy).ndjson.gz", read(data(5)));
        storeDay(6, day11.subList(0, 10), false);
        storeDay(7, day11.stream().map(l -> "{\"coupon\":\"WINTER\"," + l.substring(1)).toList(), false);
        storeDay(12, day11.subList(0, 500), true);

        Path metrics = dir.resolve("audit.prom");
        CliHarness.Run shallow = run("audit", "--from", "2024-01-01", "--to", "2024-01-13", "--json",
                "--metrics-file", metrics.toString());
        assertThat(shallow.code()).as(shallow.toString()).isEqualTo(9);
        Map<String, JsonObject> rows = rows(shallow.out());
        assertThat(states(rows)).containsExactly("stored", "missing", "damaged", "stored", "damaged", "stored",
                "stored", "stored", "stored", "stored", "stored", "provisional", "open");
        assertThat(rows.get("2024-01-03").getJsonArray("problems").toString())
                .contains("manifest says " + third.length);
        assertThat(rows.get("2024-01-05").getJsonArray("strays").getString(0))
                .isEqualTo("events-2024-01-05 (copy).ndjson.gz");
        assertThat(warnings(rows)).containsExactly(Map.entry("2024-01-06", "[\"low_volume\"]"));
        assertThat(rows.get("2024-01-06").getJsonNumber("lines").longValue()).isEqualTo(10);
        assertThat(rows.get("2024-01-12").getBoolean("closed")).isFalse();
        JsonObject table = table(shallow.out());
        assertThat(table.getString("repair")).contains("backfill --from 2024-01-02 --to 2024-01-03");
        assertThat(shallow.err()).contains("to repair the missing and damaged days, run: cometly-export backfill "
                + "--from 2024-01-02 --to 2024-01-03").contains("events-2024-01-05 (copy).ndjson.gz");
        assertThat(Files.readString(metrics)).contains(
                "cometly_export_audit_days{dataset=\"events\",state=\"damaged\"} 2.0",
                "cometly_export_audit_days{dataset=\"events\",state=\"stored\"} 8.0",
                "cometly_export_audit_days{dataset=\"events\",state=\"low_volume\"} 1.0");

        CliHarness.Run deep = run("audit", "--from", "2024-01-01", "--to", "2024-01-13", "--json", "--deep");
        assertThat(deep.code()).as(deep.toString()).isEqualTo(9);
        Map<String, JsonObject> deepRows = rows(deep.out());
        assertThat(states(deepRows)).containsExactly("stored", "missing", "damaged", "damaged", "damaged", "stored",
                "stored", "stored", "stored", "stored", "stored", "provisional", "open");
        assertThat(deepRows.get("2024-01-04").getJsonArray("problems").getString(0))
                .isEqualTo("SHA-256 does not match the manifest");
        assertThat(warnings(deepRows)).containsExactly(Map.entry("2024-01-06", "[\"low_volume\"]"),
                Map.entry("2024-01-07", "[\"schema_drift\"]"));
        assertThat(deepRows.get("2024-01-07").getJsonArray("notes").getString(0)).isEqualTo("new keys [coupon]");
        JsonObject deepTable = table(deep.out());
        String repair = deepTable.getString("repair");
        assertThat(repair).isEqualTo("cometly-export backfill --from 2024-01-02 --to 2024-01-04 --out " + out());

        List<String> repairArgs = new ArrayList<>(List.of(repair.split(" ")));
        repairArgs.remove(0);
        repairArgs.removeAll(List.of("--out", out()));
        CliHarness.Run repaired = run(repairArgs.toArray(String[]::new));
        assertThat(repaired.code()).as(repaired.toString()).isZero();
        assertThat(deepTable.getJsonArray("strays")).hasSize(1);
        delete("events/date=2024-01-05/events-2024-01-05 (copy).ndjson.gz");

        CliHarness.Run after = run("audit", "--from", "2024-01-01", "--to", "2024-01-13", "--json", "--deep");
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(states(rows(after.out()))).containsExactly("stored", "stored", "stored", "stored", "stored",
                "stored", "stored", "stored", "stored", "stored", "stored", "provisional", "open");
        assertThat(after.err()).contains("every closed day is stored and undamaged; look at the warnings above");
        CliHarness.Run strict = run("audit", "--from", "2024-01-01", "--to", "2024-01-13", "--fail-on-warnings");
        assertThat(strict.code()).as("low_volume is a warning: --fail-on-warnings fails on it").isEqualTo(9);
    }

    static String data(int day) {
        String d = LocalDate.of(2024, 1, day).toString();
        return "events/date=" + d + "/events-" + d + ".ndjson.gz";
    }

    /** Writes a day as the export path does: the file, then its manifest, through the store. */
    private void storeDay(int dayOfMonth, List<String> lines, boolean provisional) throws Exception {
        LocalDate day = LocalDate.of(2024, 1, dayOfMonth);
        byte[] gz = gzip(lines);
        ExportFileKey fileKey = new ExportFileKey(new ExportJobId(900 + dayOfMonth), day);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz));
        ExportManifest manifest = new ExportManifest(fileKey.exportId(), day, ExportRequest.builder().date(day)
                .build(), gz.length, sha, lines.size(), NOW, NOW, NOW, null, 1, provisional);
        try (PendingExportFile pending = store().begin(fileKey)) {
            pending.write(gz, 0, gz.length);
            pending.publish(manifest);
        }
    }

    private static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> lines(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonObject> rows(String out) {
        Map<String, JsonObject> rows = new LinkedHashMap<>();
        out.lines().map(AuditContract::object).filter(o -> o.containsKey("date"))
                .forEach(o -> rows.put(o.getString("date"), o));
        return rows;
    }

    private static JsonObject table(String out) {
        return out.lines().map(AuditContract::object).filter(o -> o.containsKey("table")).findFirst().orElseThrow();
    }

    private static List<String> states(Map<String, JsonObject> rows) {
        return rows.values().stream().map(o -> o.getString("state")).toList();
    }

    private static Map<String, String> warnings(Map<String, JsonObject> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach((day, o) -> {
            if (!o.getJsonArray("warnings").isEmpty()) {
                out.put(day, o.getJsonArray("warnings").toString());
            }
        });
        return out;
    }

    private static JsonObject object(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
