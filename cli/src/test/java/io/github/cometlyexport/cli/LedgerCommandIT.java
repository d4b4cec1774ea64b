package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger as a user meets it: where it is by default, what {@code ledger} shows, and bad ledger URLs. */
class LedgerCommandIT {
    private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");
    private final String key = "ledger_cmd_key_" + UUID.randomUUID().toString().replace("-", "");
    @TempDir
    Path dir;
    private CometlySimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness cli() {
        CliEndToEndIT.KEYS_USED.add(key);
        if (sim == null) {
            sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "lc").defaultEvents(100)
                    .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder().timeline(Duration.ofMillis(20),
                            Duration.ofMillis(20)).build())).build());
        }
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC")
                .clock(ExactlyOnceIT.startingAt(NOW));
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    @Test
    void givenNoLedgerSetting_whenExported_thenTheDefaultSqliteFileRecordsTheDayAndLedgerShowsIt() {
        Path out = dir.resolve("out");
        CliHarness.Run export = cli().run("export", "--date", "2024-01-15", "--out", out.toString(), "--json",
                "--verbose");
        assertThat(export.code()).as(export.toString()).isZero();
        Path ledgerFile = dir.resolve("home/.local/state/cometly-export/ledger.db");
        assertThat(ledgerFile).isRegularFile();
        assertThat(export.err()).as("--verbose names the ledger").contains("ledger jdbc:sqlite:" + ledgerFile);
        JsonObject stored = json(export.out());

        CliHarness.Run ledger = cli().run("ledger", "--json");
        assertThat(ledger.code()).as(ledger.toString()).isZero();
        JsonObject row = json(ledger.out());
        assertThat(row.getString("date")).isEqualTo("2024-01-15");
        assertThat(row.getString("dataset")).isEqualTo("events");
        assertThat(row.getString("state")).isEqualTo("stored");
        assertThat(row.getJsonNumber("export_id").longValue()).isEqualTo(stored.getJsonNumber("export_id")
                .longValue());
        assertThat(row.getString("sha256")).isEqualTo(stored.getString("sha256"));
        assertThat(row.getString("location")).isEqualTo(stored.getString("location"));
        assertThat(row.getInt("attempts")).isEqualTo(1);
        assertThat(row.isNull("holder")).isTrue();
        assertThat(row.getString("space")).doesNotContain(key).contains("key:");

        CliHarness.Run human = cli().run("ledger", "--from", "2024-01-15", "--to", "2024-01-15");
        assertThat(human.err()).contains("2024-01-15  events  stored  export " + row.getJsonNumber("export_id"))
                .contains(stored.getString("sha256"));
        assertThat(cli().run("ledger", "--from", "2024-01-16", "--json").out()).isBlank();
    }

    @Test
    void givenXdgStateHome_whenExported_thenTheLedgerIsThere() {
        Path state = dir.resolve("xdg");
        CliHarness.Run export = cli().env("XDG_STATE_HOME", state.toString()).run("export", "--date", "2024-01-15",
                "--out", dir.resolve("out").toString());
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(state.resolve("cometly-export/ledger.db")).isRegularFile();
    }

    @Test
    void givenLedgerNone_whenExported_thenNoStateIsKept() {
        CliHarness.Run export = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("out").toString(),
                "--ledger", "none");
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(Files.exists(dir.resolve("home/.local/state"))).isFalse();
        assertThat(cli().run("ledger", "--ledger", "none").code()).isEqualTo(2);
    }

    @Test
    void givenMalformedLedgerUrlWithAPassword_whenRun_thenExit2BeforeAnyRequestAndThePasswordIsNotEchoed() {
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("out").toString(),
                "--ledger", "postgres://admin:hunter2-secret@db/cometly");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--ledger must be").doesNotContain("hunter2-secret");
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenUnreachablePostgresLedgerWithAPassword_whenRun_thenStorageFailureWithoutThePassword() {
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("out").toString(),
                "--ledger", "jdbc:postgresql://127.0.0.1:1/cometly?user=u&password=hunter2-secret&connectTimeout=2");
        assertThat(r.code()).as(r.toString()).isEqualTo(8);
        assertThat(r.err()).contains("ledger").contains("password=***").doesNotContain("hunter2-secret");
        assertThat(sim.journal().entries()).as("no request without the ledger").isEmpty();
    }
}
