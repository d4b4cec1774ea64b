package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the options and the settings behind them accept, before anything is sent: durations, which command offers
 * which option, and where the config file is. No server: every run here ends before its first request (the base
 * URL is a closed port that no test reaches).
 */
class CliOptionsTest {
    private static final String KEY = "options_key_0123456789abcdef";

    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", KEY)
                .env("COMETLY_BASE_URL", "http://127.0.0.1:1/public-api/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999h", "99999999999999999999999s", "PT9999999999999999H", "3651d"})
    void givenADurationTooLongForAnyClock_whenGivenAsTimeoutOrSettle_thenExit2NamingTheOption(String huge) {
        for (String option : List.of("--timeout", "--settle")) {
            CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("o").toString(),
                    "--ledger", "none", option, huge);
            assertThat(r.code()).as(option + " " + huge + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(option).contains("error: " + option + " is too long")
                    .doesNotContain("overflow");
        }
    }

    @Test
    void givenATooLongTimeoutFromTheEnvironment_whenRun_thenExit2NamingTheOption() {
        CliHarness.Run r = cli().env("COMETLY_TIMEOUT", "9999999999999999h").run("wait", "5");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout is too long");
    }

    @Test
    void givenANegativeSettle_whenRun_thenExit2() {
        CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", dir.resolve("o").toString(),
                "--ledger", "none", "--settle", "PT-2H");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--settle must not be negative");
    }

    @Test
    void givenStatus_whenHelpShown_thenOnlyOptionsItUsesAndOthersAreUsageErrors() {
        String help = cli().run("status", "--help").out();
        assertThat(help).contains("--api-key", "--base-url", "--status-rate", "--dataset", "--json",
                "--metrics-file");
        List<String> notStatus = List.of("--timeout", "--create-rate", "--ledger", "--settle", "--space-zone",
                "--parallel", "--out");
        for (String option : notStatus) {
            assertThat(help).as("status --help").doesNotContain(option);
            CliHarness.Run r = cli().run("status", "5", option, "3");
            assertThat(r.code()).as("status " + option + "\n" + r).isEqualTo(2);
            assertThat(r.err()).contains("unknown option " + option);
        }
    }

    @Test
    void givenWait_whenHelpShown_thenItsTimeoutButNoCreateRateLedgerOrDayOptions() {
        String help = cli().run("wait", "--help").out();
        assertThat(help).contains("--timeout", "--status-rate", "--dataset", "--metrics-file");
        for (String option : List.of("--create-rate", "--ledger", "--settle", "--space-zone", "--parallel")) {
            assertThat(help).as("wait --help").doesNotContain(option);
            assertThat(cli().run("wait", "5", option, "3").code()).as("wait " + option).isEqualTo(2);
        }
        assertThat(cli().run("download", "--help").out()).contains("--timeout").doesNotContain("--create-rate");
        assertThat(cli().run("export", "--help").out()).contains("--timeout", "--create-rate", "--ledger");
    }

    @Test
    void givenACreateRateInTheEnvironment_whenStatusRuns_thenItIsNotReadThere() {
        // A setting that does not apply to a command is not checked by it either.
        CliHarness.Run r = new CliHarness(dir.resolve("home")).env("COMETLY_CREATE_RATE", "0").env("COMETLY_TIMEOUT",
                "soon").run("status", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no API key").doesNotContain("create rate").doesNotContain("--timeout");
    }

    private void config(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void givenXdgConfigHome_whenRun_thenTheConfigFileIsReadThereAndNotFromHome() throws Exception {
        Path xdg = dir.resolve("xdg-config");
        config(xdg.resolve("cometly-export/config.properties"), "status-rate=0\n");
        config(dir.resolve("home/.config/cometly-export/config.properties"), "api-key=" + KEY + "\n");
        CliHarness.Run r = new CliHarness(dir.resolve("home")).env("XDG_CONFIG_HOME", xdg.toString())
                .run("status", "5");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as("the XDG file applies").contains("the status rate must be a whole number")
                .as("the home file does not").contains("no API key")
                .as("the message names the file read").contains(xdg.resolve("cometly-export/config.properties")
                        .toString());
    }

    @Test
    void givenARelativeOrEmptyXdgConfigHome_whenRun_thenTheFileInHomeIsRead() throws Exception {
        config(dir.resolve("home/.config/cometly-export/config.properties"), "status-rate=0\n");
        for (String xdg : List.of("relative/config", "")) {
            CliHarness.Run r = cli().env("XDG_CONFIG_HOME", xdg).run("status", "5");
            assertThat(r.code()).as(xdg).isEqualTo(2);
            assertThat(r.err()).as(xdg).contains("the status rate must be a whole number");
        }
    }
}
