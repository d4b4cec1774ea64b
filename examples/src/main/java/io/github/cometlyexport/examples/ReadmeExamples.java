package io.github.cometlyexport.examples;

import io.github.cometlyexport.adapter.ndjson.ExportEvent;
import io.github.cometlyexport.adapter.ndjson.ExportEventReader;
import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.app.ExportTable;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The README's other Java snippets ("Using the modules from Java"), compiled here so that they stay true:
 * {@code ReadmeSnippetsTest} holds every {@code java} block of README.md equal to a tagged region of this module.
 * Not run: they need a real key, bucket and database.
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    static void client(DataSource dataSource, MeterRegistry registry) {
        // tag::client[]
        CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(System.getenv("COMETLY_API_KEY")))
                .maxAttempts(5).timeout(Duration.ofHours(2))                        // each default in one place
                .build();                                                           // every problem reported at once
        try (CometlyExport cometly = CometlyExport.builder(config)
                .ledger(dataSource)                                                 // optional: your pool, never closed
                .meterRegistry(registry)                                            // optional
                .build()) {
            ExportTable events = cometly.table("s3://my-bucket/cometly");
            ExportTable contacts = cometly.table("/data/cometly");
            ExportRequest request = ExportRequest.builder().date("2024-01-15")      // every rule checked here,
                    .eventNames(List.of("purchase")).build();                       // all violations reported at once
            ExportOutcome outcome = events.exportEvents().export(ExportEventsCommand.of(request));   // one day
            if (outcome instanceof ExportOutcome.Stored stored) {
                try (Stream<ExportEvent> lines = ExportEventReader.events(events.store().openStored(stored.stored()))) {
                    lines.forEach(e -> System.out.println(e.id() + " " + e.eventName() + " " + e.amount()));
                }
            }
        }
        // end::client[]
    }

    static List<DayResult> range(ExportTable events, ExportRequest request) {
        // tag::range[]
        List<DayResult> days = events.exportDays().exportDays(ExportDaysCommand.range(request, LocalDate.parse("2024-01-01"),
                null)                                            // null: up to the last closed day
                .withRefreshLast(2)                              // export the last 2 closed days again (late events)
                .withHeldWait(Duration.ofMinutes(10)));          // wait that long for days other processes hold
        // end::range[]
        return days;
    }
}
