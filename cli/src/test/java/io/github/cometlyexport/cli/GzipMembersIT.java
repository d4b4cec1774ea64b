package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.ndjson.ExportEvent;
import io.github.cometlyexport.adapter.ndjson.ExportEventReader;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A downloaded file is gzip to its last byte: after a member only another whole, valid member may follow. The CLI
 * against the simulator serving a good file followed by other bytes; and the typed reader reading what was stored,
 * in both formats.
 */
class GzipMembersIT {
    private final String key = "gzip_key_" + UUID.randomUUID().toString().replace("-", "");
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

    private void start(byte[] appended) {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().defaultEvents(500).rateLimits(600, 600)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(200), Duration.ofMillis(300))
                        .appendBytes(appended).build()))
                .key(key, "gzip").build());
    }

    private CliHarness cli() {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600");
    }

    private static byte[] gzipEvents(int first, int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            lines.append("{\"id\":").append(i).append(",\"event_name\":\"purchase\",\"event_time_utc\":")
                    .append("\"2024-01-15T12:00:00Z\"}\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> regularFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }

    private CliHarness.Run export(Path out, String format) {
        return cli().run("export", "--date", "2024-01-15", "--out", out.toString(), "--format", format, "--json");
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"gzip", "ndjson"})
    void givenGoodMemberFollowedByGarbage_whenExported_thenExit7AndNoDataFile(String format) throws IOException {
        start("these bytes are not a gzip member\n".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out");
        CliHarness.Run r = export(out, format);
        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("not begin with a gzip header");
        // The table's definition is written before the job; no data file, manifest or part remains.
        assertThat(regularFiles(out)).containsExactly("_table.json");
    }

    @Test
    void givenGoodMemberFollowedByATruncatedMember_whenExported_thenExit7AndNoDataFile() throws IOException {
        byte[] second = gzipEvents(501, 300);
        start(Arrays.copyOf(second, second.length - 5));
        Path out = dir.resolve("out");
        CliHarness.Run r = export(out, "gzip");
        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(regularFiles(out)).containsExactly("_table.json");
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"gzip", "ndjson"})
    void givenTwoGoodMembers_whenExported_thenStoredWithEveryLineCountedAndReadBackByTheTypedReader(String format)
            throws IOException {
        start(gzipEvents(501, 300));
        CliHarness.Run r = export(dir.resolve("out"), format);
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = Json.createReader(new StringReader(r.out().strip())).readObject();
        assertThat(o.getInt("events")).isEqualTo(800);
        Path file = Path.of(o.getString("location"));
        assertThat(file.getFileName().toString()).endsWith(format.equals("gzip") ? ".ndjson.gz" : ".ndjson");
        try (Stream<ExportEvent> events = ExportEventReader.events(Files.newInputStream(file))) {
            List<ExportEvent> read = events.toList();
            assertThat(read).hasSize(800);
            assertThat(read.get(799).id()).isEqualTo("800");
        }
    }
}
