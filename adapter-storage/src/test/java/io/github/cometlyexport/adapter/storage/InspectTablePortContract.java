package io.github.cometlyexport.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link InspectTablePort} keeps, held by the same store that {@link StoreExportFilePort} writes
 * (each adapter's test extends this and supplies a fresh, empty store per test): a table's definition and its
 * partitions are seen as they lie, never trusted; nothing outside the asked range is listed.
 */
public abstract class InspectTablePortContract {
    private static final Instant T = Instant.parse("2024-01-20T06:00:00Z");

    /** @return an empty store for one test, both written through and inspected */
    protected abstract StoreExportFilePort writer();

    /** @return the same store, inspected */
    protected abstract InspectTablePort inspector();

    /** Writes bytes under a name relative to the store's root, as something other than the store would. */
    protected abstract void putRaw(String relative, byte[] bytes);

    private ExportManifest publish(Dataset dataset, LocalDate day, byte[] content, boolean provisional)
            throws Exception {
        ExportFileKey key = new ExportFileKey(new ExportJobId(day.getDayOfMonth(), dataset), day);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        ExportManifest m = new ExportManifest(key.exportId(), day, ExportRequest.builder().dataset(dataset).date(day)
                .build(), content.length, sha, 7, T, T, T, null, 1, provisional);
        try (PendingExportFile pending = writer().begin(key)) {
            pending.write(content, 0, content.length);
            pending.publish(m);
        }
        return m;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void givenNoTable_whenInspected_thenNoDefinitionAndNoPartitions() {
        assertThat(inspector().table(Dataset.EVENTS)).isEqualTo(new InspectTablePort.TableFile(false, null));
        assertThat(inspector().partitions(Dataset.EVENTS, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
                .isEmpty();
    }

    @Test
    void givenClaimedTable_whenInspected_thenItsDefinition_andAnUnreadableOneIsPresentWithoutDefinition() {
        TableDefinition wanted = new TableDefinition("events", Map.of("query_mode", "profile"), StoredFormat.GZIP);
        writer().claimTable(wanted);
        assertThat(inspector().table(Dataset.EVENTS)).isEqualTo(new InspectTablePort.TableFile(true, wanted));
        putRaw("contacts/_table.json", "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(inspector().table(Dataset.CONTACTS)).isEqualTo(new InspectTablePort.TableFile(true, null));
    }

    @Test
    void givenPublishedDaysStraysAndABadManifest_whenListed_thenEachPartitionOfTheRangeAsItLies() throws Exception {
        byte[] first = bytes(1000, 1);
        ExportManifest m1 = publish(Dataset.EVENTS, LocalDate.of(2024, 1, 9), first, false);
        ExportManifest m2 = publish(Dataset.EVENTS, LocalDate.of(2024, 1, 10), bytes(2000, 2), true);
        publish(Dataset.EVENTS, LocalDate.of(2024, 1, 12), bytes(10, 3), false);
        publish(Dataset.EVENTS, LocalDate.of(2024, 1, 8), bytes(10, 4), false);
        publish(Dataset.CONTACTS, LocalDate.of(2024, 1, 9), bytes(10, 5), false);
        putRaw("events/date=2024-01-10/stray.ndjson.gz", bytes(33, 6));
        putRaw("events/date=2024-01-10/.hidden.part", bytes(44, 7));
        putRaw("events/date=2024-01-11/_manifest.json", "{\"format\":2".getBytes(StandardCharsets.UTF_8));
        putRaw("events/date=not-a-day/x.ndjson.gz", bytes(5, 8));

        List<InspectTablePort.Partition> listed = inspector().partitions(Dataset.EVENTS, LocalDate.of(2024, 1, 9),
                LocalDate.of(2024, 1, 11));

        assertThat(listed).containsExactly(
                new InspectTablePort.Partition(LocalDate.of(2024, 1, 9),
                        new java.util.TreeMap<>(Map.of("events-2024-01-09.ndjson.gz", 1000L)), true, m1),
                new InspectTablePort.Partition(LocalDate.of(2024, 1, 10), new java.util.TreeMap<>(Map.of(
                        "events-2024-01-10.ndjson.gz", 2000L, "stray.ndjson.gz", 33L)), true, m2),
                new InspectTablePort.Partition(LocalDate.of(2024, 1, 11), new java.util.TreeMap<>(), true, null));
        try (InputStream in = inspector().openVisible(Dataset.EVENTS, LocalDate.of(2024, 1, 9),
                "events-2024-01-09.ndjson.gz")) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
