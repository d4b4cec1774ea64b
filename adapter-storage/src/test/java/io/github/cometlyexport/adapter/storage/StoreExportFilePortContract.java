package io.github.cometlyexport.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link StoreExportFilePort} keeps. Each adapter's test extends this and supplies a fresh, empty
 * store per test.
 */
public abstract class StoreExportFilePortContract {
    protected static final LocalDate DAY = LocalDate.of(2024, 1, 15);
    protected static final Instant T = Instant.parse("2024-01-16T06:00:00Z");

    /** @return an empty store for one test */
    protected abstract StoreExportFilePort store();

    /** @return whether unpublished bytes survive a {@link PendingExportFile#close()} for a later resume */
    protected abstract boolean resumesAcrossRuns();

    /** @return whether the store holds any object or file for {@code key} other than a resumable part */
    protected abstract boolean anythingVisible(ExportFileKey key);

    protected static ExportRequest request(String... events) {
        return ExportRequest.builder().date(DAY).eventNames(List.of(events)).build();
    }

    protected static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static ExportManifest manifest(ExportFileKey key, ExportRequest request, byte[] content) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new ExportManifest(key.exportId(), key.date(), request, content.length, sha, 42, T, T, T,
                    "\"etag\"", 1, false);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] readAll(StoreExportFilePort store, StoredExport stored) throws IOException {
        try (InputStream in = store.openStored(stored)) {
            return in.readAllBytes();
        }
    }

    private static void writeInChunks(PendingExportFile pending, byte[] content, int chunk) {
        for (int i = 0; i < content.length; i += chunk) {
            pending.write(content, i, Math.min(chunk, content.length - i));
        }
    }

    @Test
    void givenWrittenFile_whenPublished_thenFoundByKeyAndRequestAndReadBackIdentical() throws IOException {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(11), DAY);
        ExportRequest request = request("purchase");
        byte[] content = bytes(300_000, 1);
        StoredExport stored;
        try (PendingExportFile pending = store.begin(key)) {
            assertThat(pending.length()).isZero();
            writeInChunks(pending, content, 65_536);
            assertThat(pending.length()).isEqualTo(content.length);
            stored = pending.publish(manifest(key, request, content));
        }
        assertThat(stored.location()).endsWith("events/date=2024-01-15/events-2024-01-15.ndjson.gz");
        assertThat(store.findStored(key)).contains(stored);
        assertThat(store.findStored(request)).contains(stored);
        assertThat(store.findStored(request("lead_generated"))).isEmpty();
        assertThat(readAll(store, stored)).isEqualTo(content);
        assertThat(stored.manifest().sha256()).hasSize(64);
    }

    @Test
    void givenUnknownDay_whenPublished_thenLaidOutByExportId() {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(12), null);
        byte[] content = bytes(10, 2);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, content.length);
            StoredExport stored = pending.publish(manifest(key, null, content));
            assertThat(stored.location()).endsWith("export_id=12/events-12.ndjson.gz");
        }
        assertThat(store.findStored(key)).isPresent();
    }

    @Test
    void givenUnpublishedWrites_whenLookedUp_thenNothingIsStoredOrVisible() {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(13), DAY);
        byte[] content = bytes(200_000, 3);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, content.length);
            assertThat(store.findStored(key)).isEmpty();
            assertThat(anythingVisible(key)).isFalse();
        }
        assertThat(store.findStored(key)).isEmpty();
        assertThat(anythingVisible(key)).isFalse();
    }

    @Test
    void givenDiscard_whenBegunAgain_thenNothingRemains() {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(14), DAY);
        byte[] content = bytes(50_000, 4);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, content.length);
            pending.recordSourceEtag("\"a\"");
            pending.discard();
        }
        assertThat(anythingVisible(key)).isFalse();
        try (PendingExportFile again = store.begin(key)) {
            assertThat(again.length()).isZero();
            assertThat(again.sourceEtag()).isEmpty();
        }
    }

    @Test
    void givenReset_whenWrittenAgain_thenOnlyTheNewBytesArePublished() throws IOException {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(15), DAY);
        byte[] old = bytes(70_000, 5);
        byte[] fresh = bytes(30_000, 6);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(old, 0, old.length);
            pending.recordSourceEtag("\"old\"");
            pending.reset();
            assertThat(pending.length()).isZero();
            assertThat(pending.sourceEtag()).isEmpty();
            pending.write(fresh, 0, fresh.length);
            StoredExport stored = pending.publish(manifest(key, null, fresh));
            assertThat(readAll(store, stored)).isEqualTo(fresh);
        }
    }

    @Test
    void givenManifestThatDisagreesWithTheBytes_whenPublished_thenRefusedAndNothingVisible() {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(16), DAY);
        byte[] content = bytes(1000, 7);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, 999);
            assertThatThrownBy(() -> pending.publish(manifest(key, null, content)))
                    .isInstanceOf(ExportStorageException.class).hasMessageContaining("1000");
        }
        assertThat(store.findStored(key)).isEmpty();
        assertThat(anythingVisible(key)).isFalse();
    }

    @Test
    void givenClosedWithoutPublishing_whenBegunAgain_thenResumesOrStartsOverAsTheStorePromises() throws IOException {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(17), DAY);
        byte[] content = bytes(120_000, 8);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, 50_000);
            pending.recordSourceEtag("\"v1\"");
        }
        try (PendingExportFile again = store.begin(key)) {
            if (resumesAcrossRuns()) {
                assertThat(again.length()).isEqualTo(50_000);
                assertThat(again.sourceEtag()).contains("\"v1\"");
                try (InputStream held = again.readHeld()) {
                    assertThat(held.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(content, 50_000));
                }
                again.write(content, 50_000, content.length - 50_000);
            } else {
                assertThat(again.length()).isZero();
                again.write(content, 0, content.length);
            }
            StoredExport stored = again.publish(manifest(key, null, content));
            assertThat(readAll(store, stored)).isEqualTo(content);
        }
    }

    @Test
    void givenEmptyFile_whenPublished_thenStoredWithZeroBytes() throws IOException {
        StoreExportFilePort store = store();
        ExportFileKey key = new ExportFileKey(new ExportJobId(18), DAY);
        try (PendingExportFile pending = store.begin(key)) {
            StoredExport stored = pending.publish(manifest(key, null, new byte[0]));
            assertThat(readAll(store, stored)).isEmpty();
        }
        assertThat(store.findStored(key)).isPresent();
    }
}
