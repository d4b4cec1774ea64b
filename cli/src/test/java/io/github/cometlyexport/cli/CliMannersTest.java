package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** How the CLI behaves before it calls anything: help, version, parse errors, log lines. No server needed. */
class CliMannersTest {
    /** Shaped like a live key, so that an echo of it anywhere is caught. */
    private static final String KEY_SHAPED = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir.resolve("home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "backfill", "download", "status", "wait", "demo", "simulate", "ledger"})
    void givenHelpOnAnyCommand_whenRequiredOptionsAreMissing_thenUsageOnStdoutAndExitZero(String command) {
        CliHarness.Run r = cli().run(command, "--help");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: cometly-export " + command);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void givenVersionOnRootOrCommand_whenRun_thenVersionOnStdoutAndExitZero() {
        for (List<String> args : List.of(List.of("--version"), List.of("export", "--version"))) {
            CliHarness.Run r = cli().run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("cometly-export ");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void givenOptionsOnlyTestsUsedToHave_whenGiven_thenTheyAreUnknownAndHiddenFromHelp() {
        for (String flag : List.of("--rate-window", "--download-timeout", "--replace-pause")) {
            CliHarness.Run r = cli().run("export", "--date", "2024-01-15", "--out", "x", flag, "1s");
            assertThat(r.code()).as(flag).isEqualTo(2);
            assertThat(r.err()).contains("unknown option " + flag);
            assertThat(cli().run("export", "--help").out()).doesNotContain(flag);
        }
        assertThat(cli().run("simulate", "--exit-after", "1s").code()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--apikey=%s", "--api_key=%s", "-k%s", "--api-key", "%s", "--out=%s --apikey %s",
        "--parallel=%s", "--timeout %s --date %s", "--date=%s"})
    void givenMistypedOptionsCarryingAKey_whenParsed_thenNoOutputShowsTheValue(String shape) {
        for (String command : List.of("export", "backfill", "status", "exprot")) {
            String[] args = (command + " " + shape.replace("%s", KEY_SHAPED)).split(" ");
            CliHarness.Run r = cli().run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isNotZero();
            assertThat(r.out() + r.err()).as(String.join(" ", args)).doesNotContain(KEY_SHAPED)
                    .doesNotContain(KEY_SHAPED.substring(8, 24));
        }
    }

    @Test
    void givenUnknownOptionWithValue_whenParsed_thenTheOptionIsNamedAndASuggestionGiven() {
        CliHarness.Run r = cli().run("export", "--apikey=" + KEY_SHAPED, "--date", "2024-01-15", "--out", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option --apikey").contains("--api-key")
                .contains("Try 'cometly-export export --help'");
    }

    @Test
    void givenLogLines_whenNotVerbose_thenShortWithTheProgramNameElseWithThreadAndLogger() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logger log = new CliLogging().getLoggerFactory().getLogger("io.github.cometlyexport.adapter.http.X");
            CliLogging.verbose(false);
            log.info("{} was rate limited; pausing {} s", "POST /events/exports", 34);
            log.debug("hidden");
            CliLogging.verbose(true);
            log.debug("shown");
            // A library's debug lines (HTTP wire, request signing) could hold presigned query strings: never shown.
            new CliLogging().getLoggerFactory().getLogger("org.apache.hc.client5.http.wire").debug("GET ?X-Amz-Sig");
        } finally {
            CliLogging.verbose(false);
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("cometly-export: POST /events/exports was rate limited; pausing 34 s");
        assertThat(lines.get(1)).contains("[" + Thread.currentThread().getName() + "] DEBUG")
                .endsWith("io.github.cometlyexport.adapter.http.X - shown");
    }
}
