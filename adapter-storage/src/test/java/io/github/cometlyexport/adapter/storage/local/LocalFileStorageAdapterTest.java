package io.github.cometlyexport.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.StoreExportFilePortContract;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageAdapterTest extends StoreExportFilePortContract {
    @TempDir
    Path root;

    @Override
    protected StoreExportFilePort store() {
        return new LocalFileStorageAdapter(root);
    }

    @Override
    protected boolean resumesAcrossRuns() {
        return true;
    }

    @Override
    protected boolean anythingVisible(ExportFileKey key) {
        Path folder = root.resolve(StorageLayout.folder(key));
        return Files.exists(folder.resolve(StorageLayout.dataName(key, io.github.cometlyexport.domain.StoredFormat.GZIP)))
                || Files.exists(folder.resolve(StorageLayout.MANIFEST));
    }

    @Test
    void givenPublishedFile_whenListed_thenOnlyTheFileAndItsManifestRemain() throws IOException {
        ExportFileKey key = new ExportFileKey(new ExportJobId(21), DAY);
        byte[] content = bytes(1000, 1);
        try (PendingExportFile pending = store().begin(key)) {
            pending.recordSourceEtag("\"e\"");
            pending.write(content, 0, content.length);
            pending.publish(manifest(key, null, content));
        }
        try (Stream<Path> files = Files.list(root.resolve("events/date=2024-01-15"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "events-2024-01-15.ndjson.gz", "_manifest.json");
        }
    }

    @Test
    void givenFileWithoutValidManifest_whenLookedUp_thenNotStored() throws IOException {
        ExportFileKey key = new ExportFileKey(new ExportJobId(22), DAY);
        Path folder = Files.createDirectories(root.resolve("events/date=2024-01-15"));
        Files.write(folder.resolve("events-2024-01-15.ndjson.gz"), new byte[10]);
        assertThat(store().findStored(key)).isEmpty();
        Files.writeString(folder.resolve("_manifest.json"), "{\"format\":2,\"export_id\":");
        assertThat(store().findStored(key)).isEmpty();
    }

    @Test
    void givenTwoWritersOfOneExport_whenTheSecondBegins_thenItIsRefused() {
        ExportFileKey key = new ExportFileKey(new ExportJobId(23), DAY);
        try (PendingExportFile first = store().begin(key)) {
            assertThatThrownBy(() -> store().begin(key)).isInstanceOf(ExportStorageException.class)
                    .hasMessageContaining("another process is writing");
            assertThat(first.length()).isZero();
        }
    }

    @Test
    void givenRootThatIsAFile_whenBegun_thenClearError() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        LocalFileStorageAdapter store = new LocalFileStorageAdapter(file);
        assertThatThrownBy(() -> store.begin(new ExportFileKey(new ExportJobId(24), DAY)))
                .isInstanceOf(ExportStorageException.class)
                .hasMessageContaining("a file stands where a folder is needed").hasMessageContaining("not-a-folder");
    }

    @Test
    void givenReadOnlyFolder_whenBegun_thenPermissionDenied() throws IOException {
        Path locked = Files.createDirectories(root.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            if (Files.isWritable(locked)) {
                // Running as root: permissions do not bind, so simulate with a path under a file instead.
                Path file = Files.writeString(root.resolve("file"), "x");
                assertThatThrownBy(() -> new LocalFileStorageAdapter(file.resolve("sub"))
                        .begin(new ExportFileKey(new ExportJobId(25), DAY)))
                        .isInstanceOf(ExportStorageException.class).hasMessageContaining("could not create the folder");
            } else {
                assertThatThrownBy(() -> new LocalFileStorageAdapter(locked)
                        .begin(new ExportFileKey(new ExportJobId(25), DAY)))
                        .isInstanceOf(ExportStorageException.class).hasMessageContaining("permission denied");
            }
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void givenAPublishAboutToRename_whenAnotherWriterOfTheDayBegins_thenRefusedAndThePublishedFileStaysWhole()
            throws IOException {
        LocalFileStorageAdapter store = new LocalFileStorageAdapter(root);
        ExportFileKey key = new ExportFileKey(new ExportJobId(26), DAY);
        byte[] content = bytes(5000, 26);
        java.util.concurrent.atomic.AtomicReference<RuntimeException> second = new java.util.concurrent.atomic
                .AtomicReference<>();
        try (LocalPendingFile first = (LocalPendingFile) store.begin(key)) {
            first.write(content, 0, content.length);
            // The seam runs right before the part is renamed to its final name: another writer of the day (a
            // process that found no stored file) tries to take the part there.
            first.beforeRename(() -> {
                try (PendingExportFile intruder = store.begin(key)) {
                    intruder.reset();
                } catch (ExportStorageException e) {
                    second.set(e);
                }
            });
            first.publish(manifest(key, null, content));
        }
        assertThat(second.get()).as("the second writer is refused while the part is renamed")
                .isInstanceOf(ExportStorageException.class).hasMessageContaining("another process is writing");
        assertThat(store.findStored(key)).isPresent();
        assertThat(readAll(store, store.findStored(key).orElseThrow())).isEqualTo(content);
    }

    @Test
    void givenAWriterThatOpenedThePartJustBeforeItWasPublished_whenItLocks_thenItStartsAFreshPart()
            throws IOException {
        LocalFileStorageAdapter store = new LocalFileStorageAdapter(root);
        ExportFileKey key = new ExportFileKey(new ExportJobId(27), DAY);
        byte[] content = bytes(5000, 27);
        LocalPendingFile first = (LocalPendingFile) store.begin(key);
        first.write(content, 0, content.length);
        // The second writer has opened the part file; before it takes the lock, the first publishes (renames the
        // part to the final name and lets go of it). The second must not end up writing the published file.
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        store.betweenOpenAndLock(() -> {
            if (once.compareAndSet(false, true)) {
                first.publish(manifest(key, null, content));
                first.close();
            }
        });
        try (PendingExportFile second = store.begin(key)) {
            assertThat(second.length()).isZero();
            second.write(new byte[] {1, 2, 3}, 0, 3);
            second.reset();
        }
        assertThat(readAll(store, store.findStored(key).orElseThrow())).isEqualTo(content);
    }

    @Test
    void givenSpellingsOfOneFolder_whenStoresAreMadeForEach_thenOneCanonicalLocation() throws IOException {
        Path real = Files.createDirectories(root.resolve("o"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        String canonical = new LocalFileStorageAdapter(real).location();
        assertThat(canonical).isEqualTo(real.toRealPath().toString());
        for (String spelling : new String[] {real + "/", real + "//", root + "/./x/../o", link.toString(),
            link + "/"}) {
            assertThat(new LocalFileStorageAdapter(Path.of(spelling)).location()).as(spelling).isEqualTo(canonical);
        }
        // A folder not made yet is named below the real path of the part that exists.
        assertThat(new LocalFileStorageAdapter(link.resolve("new/sub/")).location())
                .isEqualTo(real.toRealPath().resolve("new/sub").toString());
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(new LocalFileStorageAdapter(Path.of("./not-made-" + DAY + "/")).location())
                .isEqualTo(cwd.toRealPath().resolve("not-made-" + DAY).toString());
    }
}
