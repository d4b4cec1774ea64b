package io.github.cometlyexport.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.adapter.storage.StorageLayout;
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
}
