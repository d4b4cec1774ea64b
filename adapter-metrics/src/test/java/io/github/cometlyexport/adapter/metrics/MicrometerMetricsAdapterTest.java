package io.github.cometlyexport.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.testing.SteppingClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The meters the adapter makes from what it hears: values, and tags that never carry an id or a secret. */
class MicrometerMetricsAdapterTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2024-01-16T06:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetricsAdapter metrics = new MicrometerMetricsAdapter(registry, clock);

    private static StoredExport stored(long id, Dataset dataset, long bytes, long lines) {
        ExportRequest request = ExportRequest.builder().dataset(dataset).date("2024-01-15").build();
        return new StoredExport(new ExportManifest(new ExportJobId(id, dataset), LocalDate.parse("2024-01-15"),
                request, bytes, "a".repeat(64), lines, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, 1, false),
                "/out/x");
    }

    @Test
    void givenAJobPolledUntilCompleted_whenFinished_thenPollsAndPhasesAreRecordedPerDataset() {
        ExportJobId id = new ExportJobId(42, Dataset.CONTACTS);
        Instant created = clock.instant();
        metrics.statusObserved(new ExportJob.Queued(id, created, "queued"), Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(10));
        metrics.statusObserved(new ExportJob.Processing(id, created, "processing"), Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(30));
        metrics.statusObserved(new ExportJob.Completed(id, created, clock.instant(), DownloadUrl.of(URI.create(
                "https://b.s3.amazonaws.com/x.json.gz?X-Amz-Signature=secret"), null, clock.instant())),
                Duration.ZERO);
        assertThat(registry.get("cometly.export.job.polls").tag("dataset", "contacts").summary().totalAmount())
                .isEqualTo(3.0);
        assertThat(registry.get("cometly.export.job").tag("phase", "queued").timer().totalTime(
                java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(10.0);
        assertThat(registry.get("cometly.export.job").tag("phase", "processing").timer().totalTime(
                java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(30.0);
        assertNoSecretOrIdInAnyTag();
    }

    @Test
    void givenDaysStoredAndSkipped_whenRecorded_thenBytesLinesDaysAndTheLatestSuccessAreKept() {
        metrics.lastSucceededAt(Dataset.EVENTS, clock.instant().plusSeconds(3600).getEpochSecond());
        metrics.dayStored(stored(1, Dataset.EVENTS, 1000, 10), false);
        metrics.dayStored(stored(2, Dataset.EVENTS, 500, 5), true);
        metrics.dayNotStored(Dataset.EVENTS, "open");
        assertThat(registry.get("cometly.export.stored").counter().count()).as("skipped days store nothing")
                .isEqualTo(1000.0);
        assertThat(registry.get("cometly.export.verified.lines").counter().count()).isEqualTo(10.0);
        assertThat(registry.get("cometly.export.day.results").tag("result", "stored").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cometly.export.day.results").tag("result", "skipped").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cometly.export.day.results").tag("result", "open").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cometly.export.last.success.timestamp").tag("dataset", "events").gauge().value())
                .as("a later success carried over is not moved back").isEqualTo(
                        clock.instant().plusSeconds(3600).getEpochSecond());
    }

    @Test
    void givenRequestsAndBytes_whenRecorded_thenCountedByEndpointAndStatus() {
        metrics.answered("GET /events/exports/{id}", 200, Duration.ofMillis(30));
        metrics.answered("GET /events/exports/{id}", 429, Duration.ofMillis(30));
        metrics.waitedForBudget("status", Duration.ofSeconds(2));
        ExportJobId id = new ExportJobId(7);
        metrics.downloadProgress(id, 100, 300);
        metrics.downloadProgress(id, 300, 300);
        assertThat(registry.get("cometly.export.requests").tag("status", "429").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cometly.export.rate.limited").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cometly.export.downloaded").counter().count()).isEqualTo(300.0);
        assertThat(registry.get("cometly.export.budget.wait").timer().count()).isEqualTo(1);
        assertNoSecretOrIdInAnyTag();
    }

    private void assertNoSecretOrIdInAnyTag() {
        for (Meter m : registry.getMeters()) {
            m.getId().getTags().forEach(t -> assertThat(t.getValue()).doesNotContain("?").doesNotContain("Amz")
                    .doesNotContainPattern("/[0-9]+"));
        }
    }
}
