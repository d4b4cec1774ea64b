package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.InspectTablePortContract;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The local store, inspected. */
class LocalInspectTableTest extends InspectTablePortContract {
    @TempDir
    Path root;
    private LocalFileStorageAdapter store;

    @BeforeEach
    void freshStore() {
        store = new LocalFileStorageAdapter(root);
    }

    @Override
    protected StoreExportFilePort writer() {
        return store;
    }

    @Override
    protected InspectTablePort inspector() {
        return store;
    }

    @Override
    protected void putRaw(String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
