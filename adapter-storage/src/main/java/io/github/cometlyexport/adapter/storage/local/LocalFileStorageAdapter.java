package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.Sha256;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.internal.TableJson;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps exports in a local folder, in the {@link StorageLayout}.
 *
 * <p>A day's file is written as a hidden {@code .<name>.part} in its final folder (so the rename stays on one file
 * system), with a {@code .part.etag} beside it once the source ETag is known; both are keyed by the day, so the next
 * job of that day resumes them. Publishing fsyncs the bytes, renames the part atomically over the final name (a
 * re-export replaces the day's file in one step: a reader sees the old file or the new one, never none or two),
 * fsyncs the folder, then writes the one-line {@code _manifest.json} the same way: the manifest is the commit mark.
 * A file counts as stored only when its bytes hash to the manifest's SHA-256. The part file is locked while written,
 * so two processes cannot write the same day. For audits it lists a table as it lies ({@link InspectTablePort}, in
 * {@link LocalTableListing}). Thread-safe.
 */
public final class LocalFileStorageAdapter implements StoreExportFilePort, InspectTablePort {
    private final Path root;
    private final StoredFormat format;
    private final String location;
    /** A test's seam: runs in {@link #begin} between opening the part file and locking it. */
    private volatile Runnable betweenOpenAndLock = () -> { };

    /**
     * @param root the folder exports go under; created when needed
     */
    public LocalFileStorageAdapter(Path root) {
        this(root, StoredFormat.GZIP);
    }

    /**
     * @param root   the folder exports go under; created when needed
     * @param format how files are kept: as downloaded (gzip) or decompressed
     */
    public LocalFileStorageAdapter(Path root, StoredFormat format) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.format = Objects.requireNonNull(format, "format");
        this.location = canonical(this.root).toString();
    }

    /**
     * The folder with the symbolic links of its existing part resolved: {@code ./o}, {@code ./o/}, {@code $PWD/o}
     * and a link to it are one table, whose days the ledger must lock once (a link re-pointed later makes a new
     * name; the part files' own locks still keep two writers off one file).
     */
    private static Path canonical(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            // Unreadable on the way: the normalized absolute path is the best name there is.
            return absolute;
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StoredFormat format() {
        return format;
    }

    /** @return the root folder */
    public Path root() {
        return root;
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        return read(key);
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        return read(ExportFileKey.ofDay(request.dataset(), request.date()))
                .filter(stored -> request.equals(stored.manifest().request()));
    }

    @Override
    public TableDefinition claimTable(TableDefinition wanted) {
        Path file = root.resolve(StorageLayout.tableFile(wanted.dataset()));
        try {
            Files.createDirectories(file.getParent());
            if (!Files.isRegularFile(file)) {
                Path tmp = Files.createTempFile(file.getParent(), ".table", ".tmp");
                Files.write(tmp, TableJson.encode(wanted));
                try {
                    // Create-if-absent in one step: of two processes claiming at once, the first link wins.
                    Files.createLink(file, tmp);
                } catch (UnsupportedOperationException noHardLinks) {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process defined the table first; compare with its definition below.
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return TableJson.decode(Files.readAllBytes(file)).orElseThrow(() -> new ExportStorageException(file
                    + " is not a table definition; move it away or use another destination", null, false));
        } catch (IOException e) {
            throw failure("define the table in", file, e);
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
        return new LocalPendingFile(folder, key, format, betweenOpenAndLock);
    }

    @Override
    public TableFile table(Dataset dataset) {
        return LocalTableListing.table(root, dataset);
    }

    @Override
    public List<Partition> partitions(Dataset dataset, LocalDate from, LocalDate to) {
        return LocalTableListing.partitions(root, dataset, from, to);
    }

    @Override
    public InputStream openVisible(Dataset dataset, LocalDate day, String name) {
        return LocalTableListing.open(root, dataset, day, name);
    }

    /** @param seam runs in {@link #begin} between opening the part file and locking it (tests only) */
    void betweenOpenAndLock(Runnable seam) {
        betweenOpenAndLock = seam;
    }

    @Override
    public String toString() {
        return "LocalFileStorageAdapter[" + root + "]";
    }

    /** A manifest that parses and a data file whose bytes hash to the manifest's SHA-256; anything less is "not stored". */
    private Optional<StoredExport> read(ExportFileKey key) {
        Path folder = root.resolve(StorageLayout.folder(key));
        Path manifestFile = folder.resolve(StorageLayout.MANIFEST);
        Path data = folder.resolve(StorageLayout.dataName(key, format));
        try {
            if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(data)) {
                return Optional.empty();
            }
            Optional<ExportManifest> manifest = ManifestJson.decode(Files.readAllBytes(manifestFile))
                    .map(ManifestJson.Decoded::manifest);
            if (manifest.isEmpty() || Files.size(data) != manifest.get().bytes()
                    || !sha256(data).equals(manifest.get().sha256())) {
                return Optional.empty();
            }
            return Optional.of(new StoredExport(manifest.get(), data.toString()));
        } catch (IOException e) {
            throw failure("read", manifestFile, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
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
