package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code audit} of a table in a local folder. */
class AuditLocalIT extends AuditContract {
    private Path root() {
        return dir.resolve("lake");
    }

    @Override
    String out() {
        return root().toString();
    }

    @Override
    List<String> destinationOptions() {
        return List.of();
    }

    @Override
    StoreExportFilePort store() {
        return new LocalFileStorageAdapter(root());
    }

    @Override
    byte[] read(String relative) {
        try {
            return Files.readAllBytes(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void write(String relative, byte[] bytes) {
        try {
            Files.write(root().resolve(relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void deletePartition(String relative) {
        try (Stream<Path> files = Files.walk(root().resolve(relative))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void delete(String relative) {
        try {
            Files.delete(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
