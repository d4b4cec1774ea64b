package io.github.cometlyexport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.port.driving.DayResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line each table's run logs: how many days ended how, and nothing of what the results carry. */
class CometlyExportRunnerSummaryTest {
    private static final LocalDate DAY = LocalDate.of(2024, 1, 15);

    @Test
    void givenResultsOfSeveralKinds_whenSummarised_thenCountsByKindAndNoMessage() {
        List<DayResult> results = List.of(new DayResult.Open(DAY, Instant.parse("2024-01-16T14:00:00Z")),
                new DayResult.Failed(DAY.minusDays(1), new IllegalStateException("secret detail"), 1),
                new DayResult.Open(DAY.plusDays(1), Instant.parse("2024-01-17T14:00:00Z")));

        assertThat(CometlyExportRunner.summary(results)).isEqualTo("3 days: 1 Failed, 2 Open");
        assertThat(CometlyExportRunner.summary(List.of())).isEqualTo("0 days");
    }
}
