package io.github.cometlyexport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host's in-memory store keeps {@code StoreExportFilePort}'s promises. */
class MemoryStoreTest {
    private static final LocalDate DAY = LocalDate.parse("2024-01-15");
    private static final ExportRequest REQUEST = ExportRequest.builder().date(DAY).build();
    private static final ExportFileKey KEY = ExportFileKey.ofDay(Dataset.EVENTS, DAY);
    private static final Instant T = Instant.parse("2024-01-16T03:00:00Z");

    private final MemoryStore store = new MemoryStore();

    private static ExportManifest manifest(long job, ExportRequest request, byte[] bytes) {
        return new ExportManifest(new ExportJobId(job), request.date(), request, bytes.length, sha256(bytes), 1, T,
                T, T, null, 1, false);
    }

    private StoredExport write(long job, ExportRequest request, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (PendingExportFile pending = store.begin(ExportFileKey.ofDay(request.dataset(), request.date()))) {
            assertThat(pending.length()).isZero();
            pending.write(bytes, 0, bytes.length);
            return pending.publish(manifest(job, request, bytes));
        }
    }

    @Test
    void givenAFileInProgress_whenNotPublished_thenNothingIsVisibleAndNothingIsResumed() {
        byte[] bytes = "{\"id\":1}\n".getBytes(StandardCharsets.UTF_8);
        try (PendingExportFile pending = store.begin(KEY)) {
            pending.write(bytes, 0, bytes.length);
            assertThat(store.findStored(KEY)).isEmpty();
            assertThat(store.findStored(REQUEST)).isEmpty();
        }
        assertThat(store.size()).isZero();
        try (PendingExportFile again = store.begin(KEY)) {
            assertThat(again.length()).as("this store does not resume: a new file starts at byte 0").isZero();
        }
    }

    @Test
    void givenAPublishedDay_whenPublishedAgain_thenTheNewFileAndManifestReplaceTheOldTogether() throws IOException {
        StoredExport first = write(1, REQUEST, "{\"id\":1}\n");
        StoredExport second = write(2, REQUEST, "{\"id\":1}\n{\"id\":2}\n");

        assertThat(second.location()).as("a name fixed by the day").isEqualTo(first.location());
        assertThat(store.size()).isEqualTo(1);
        StoredExport found = store.findStored(KEY).orElseThrow();
        assertThat(found.manifest().exportId()).isEqualTo(new ExportJobId(2));
        try (InputStream in = store.openStored(found)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}\n{\"id\":2}\n");
        }
    }

    @Test
    void givenAStoredDay_whenAskedWithAnotherRequest_thenNotFound() {
        write(1, REQUEST, "{\"id\":1}\n");
        ExportRequest filtered = REQUEST.toBuilder().eventNames(List.of("purchase")).build();

        assertThat(store.findStored(REQUEST)).isPresent();
        assertThat(store.findStored(filtered)).isEmpty();
        assertThat(store.findStored(ExportFileKey.ofDay(Dataset.EVENTS, DAY.plusDays(1)))).isEmpty();
    }

    @Test
    void givenAManifestOfAnotherLength_whenPublished_thenRefusedAndNothingStored() {
        byte[] bytes = "{\"id\":1}\n".getBytes(StandardCharsets.UTF_8);
        try (PendingExportFile pending = store.begin(KEY)) {
            pending.write(bytes, 0, bytes.length - 1);
            assertThatThrownBy(() -> pending.publish(manifest(1, REQUEST, bytes)))
                    .isInstanceOf(ExportStorageException.class);
        }
        assertThat(store.findStored(KEY)).isEmpty();
    }

    @Test
    void givenATableDefinition_whenAnotherIsClaimed_thenTheFirstStays() {
        TableDefinition all = new TableDefinition("events", Map.of());
        TableDefinition purchases = new TableDefinition("events", Map.of("event_names", List.of("purchase")));

        assertThat(store.claimTable(all)).isEqualTo(all);
        assertThat(store.claimTable(purchases)).isEqualTo(all);
        assertThat(new MemoryStore().location()).as("each store its own name").isNotEqualTo(store.location());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
