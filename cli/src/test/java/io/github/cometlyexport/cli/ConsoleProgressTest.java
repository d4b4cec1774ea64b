package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the progress printer says about waits for the Space's budget. */
class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void givenALongWaitForTheCreateBudget_whenPiped_thenOnePlainLineSaysSo() {
        ConsoleProgress progress = new ConsoleProgress(err, false, false, false);
        progress.budgetWait("create", Duration.ofMillis(41_200), "5 per minute");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("waiting 42 s for the Space's create budget (5 per minute)\n");
    }

    @Test
    void givenShortWaitsOrQuiet_whenWaiting_thenNothingIsSaid() {
        new ConsoleProgress(err, false, false, true).budgetWait("status", Duration.ofSeconds(2), "30 per minute");
        new ConsoleProgress(err, false, true, false).budgetWait("create", Duration.ofSeconds(50), "5 per minute");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
