package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.ManifestJson;
import io.github.cometlyexport.adapter.storage.StorageLayout;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps exports in a local folder, in the {@link StorageLayout}.
 *
 * <p>A file is written as {@code <name>.part} in its final folder (so the rename stays on one file system), with a
 * {@code <name>.part.etag} beside it once the source ETag is known. Publishing fsyncs the bytes, renames the part
 * atomically to its final name, fsyncs the folder, then writes the manifest the same way: the manifest is the commit
 * mark. A killed process leaves only the {@code .part}, which the next {@link #begin} resumes (the core restarts it
 * from zero if the ETag changed). The part file is locked while written, so two processes cannot write the same
 * export. Thread-safe.
 */
public final class LocalFileStorageAdapter implements StoreExportFilePort {
    private final Path root;

    /**
     * @param root the folder exports go under; created when needed
     */
    public LocalFileStorageAdapter(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** @return the root folder */
    public Path root() {
        return root;
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        Path folder = root.resolve(StorageLayout.folder(key));
        return read(folder.resolve(StorageLayout.manifestName(key)), folder.resolve(StorageLayout.dataName(key)));
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        Path folder = root.resolve(StorageLayout.dateFolder(request.date()));
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(folder, "*" + StorageLayout.MANIFEST_SUFFIX)) {
            List<String> names = new ArrayList<>();
            manifests.forEach(p -> names.add(p.toString()));
            return StorageLayout.findMatching(names, (manifest, data) -> read(Path.of(manifest), Path.of(data)),
                    request);
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
    }

    @Override
    public InputStream openStored(StoredExport stored) {
        Path file = Path.of(stored.location());
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw failure("read", file, e);
        }
    }

    @Override
    public PendingExportFile begin(ExportFileKey key) {
        Path folder = root.resolve(StorageLayout.folder(key));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw failure("create the folder", folder, e);
        }
        return new LocalPendingFile(folder, key);
    }

    @Override
    public String toString() {
        return "LocalFileStorageAdapter[" + root + "]";
    }

    /** A manifest that parses and a data file of the size it states; anything less is "not stored". */
    private Optional<StoredExport> read(Path manifestFile, Path data) {
        try {
            if (!Files.isRegularFile(manifestFile)) {
                return Optional.empty();
            }
            Optional<ExportManifest> manifest = ManifestJson.decode(Files.readAllBytes(manifestFile));
            if (manifest.isEmpty() || !Files.isRegularFile(data) || Files.size(data) != manifest.get().bytes()) {
                return Optional.empty();
            }
            return Optional.of(new StoredExport(manifest.get(), data.toString()));
        } catch (IOException e) {
            throw failure("read", manifestFile, e);
        }
    }

    static ExportStorageException failure(String action, Path path, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
                || e instanceof FileSystemException fse && "Not a directory".equals(fse.getReason())) {
            why = "a file stands where a folder is needed";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null
                && fse.getReason().contains("No space left")) {
            why = "the disk is full";
        } else if (e.getMessage() != null && e.getMessage().contains("No space left")) {
            why = "the disk is full";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new ExportStorageException("could not " + action + " " + path + ": " + why, e, false);
    }
}
