package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One client of a Space serves two tables at once: events into S3 (S3Proxy, through the host's own S3 client) and
 * contacts into a local folder. The simulator enforces Cometly's real limits (5 creates and 30 status requests per
 * minute) on a clock 30 times as fast, and the client paces for the same fast minute: both tables drawing on one
 * budget cause no 429, while two budgets would create ten jobs a minute and be refused.
 */
class OneClientManyTablesIT {
    private static final int FACTOR = 30;
    private static final String BUCKET = "lake";

    @TempDir
    Path dir;

    @Test
    void givenEventsToS3AndContactsToAFolder_whenBothRunAtOnce_thenOneBudgetNo429AndEveryDayStored() throws Exception {
        String key = "one_client_key_0123456789";
        try (S3ProxyServer proxy = S3ProxyServer.inMemory();
             S3Client hostS3 = proxy.client();
             CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder()
                     .key(key, "space-one").clock(SimulatorClocks.scaled(Instant.parse("2024-02-01T06:00:00Z"), FACTOR))
                     .defaultEvents(50).build())) {
            proxy.createBucket(BUCKET);
            CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(key)).baseUrl(sim.baseUrl())
                    .simulatorRateWindow(Duration.ofSeconds(60).dividedBy(FACTOR)).build();
            AtomicInteger createWaits = new AtomicInteger();
            Path folder = dir.resolve("exports");
            List<DayResult> events;
            List<DayResult> contacts;
            try (CometlyExport cometly = CometlyExport.builder(config).s3Client(hostS3)
                    .budgetWaits((kind, wait) -> {
                        if (kind.equals("create")) {
                            createWaits.incrementAndGet();
                        }
                    }).build()) {
                ExportTable lake = cometly.table("s3://" + BUCKET + "/cometly");
                ExportTable local = cometly.table(folder.toString());
                LocalDate from = LocalDate.parse("2024-01-01");
                LocalDate to = LocalDate.parse("2024-01-06");
                CompletableFuture<List<DayResult>> eventsRun = CompletableFuture.supplyAsync(() ->
                        lake.exportDays().exportDays(ExportDaysCommand.range(ExportRequest.builder()
                                .dataset(Dataset.EVENTS).date(from).build(), from, to)));
                CompletableFuture<List<DayResult>> contactsRun = CompletableFuture.supplyAsync(() ->
                        local.exportDays().exportDays(ExportDaysCommand.range(ExportRequest.builder()
                                .dataset(Dataset.CONTACTS).date(from).build(), from, to)));
                events = eventsRun.get(3, TimeUnit.MINUTES);
                contacts = contactsRun.get(3, TimeUnit.MINUTES);
            }
            assertThat(events).as(events.toString()).hasSize(6).allMatch(DayResult.Stored.class::isInstance);
            assertThat(contacts).as(contacts.toString()).hasSize(6).allMatch(DayResult.Stored.class::isInstance);
            assertThat(sim.journal().rateLimited()).as("429s caused").isZero();
            assertThat(sim.journal().jobsCreated("events")).isEqualTo(6);
            assertThat(sim.journal().jobsCreated("contacts")).isEqualTo(6);
            // Twelve creates at five a minute: the shared create budget made the tables wait for each other.
            assertThat(createWaits.get()).as("waits for the create budget").isPositive();
            List<String> keys = hostS3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                    .map(o -> o.key()).filter(k -> k.endsWith(".ndjson.gz")).toList();
            assertThat(keys).hasSize(6).allMatch(k -> k.startsWith("cometly/events/date=2024-01-0"));
            try (Stream<Path> files = Files.walk(folder.resolve("contacts"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".ndjson.gz")).count()).isEqualTo(6);
            }
            assertThat(Files.exists(folder.resolve("events"))).as("no events in the contacts folder").isFalse();
            // The host's S3 client stays open: the client closes only what it made.
            assertThat(hostS3.listBuckets().buckets()).extracting(b -> b.name()).contains(BUCKET);
        }
    }
}
