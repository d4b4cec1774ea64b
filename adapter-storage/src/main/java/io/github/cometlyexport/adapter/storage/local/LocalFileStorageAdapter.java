package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.ManifestJson;
import io.github.cometlyexport.adapter.storage.StorageLayout;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.out.ExportStorageException;
import io.github.cometlyexport.port.out.PendingExportFile;
import io.github.cometlyexport.port.out.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
            for (Path manifest : manifests) {
                String name = manifest.getFileName().toString();
                Path data = folder.resolve(name.substring(0, name.length() - StorageLayout.MANIFEST_SUFFIX.length())
                        + StorageLayout.DATA_SUFFIX);
                Optional<StoredExport> stored = read(manifest, data);
                if (stored.isPresent() && request.equals(stored.get().manifest().request())) {
                    return stored;
                }
            }
            return Optional.empty();
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
        return new Pending(folder, key);
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

    private static void fsyncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Not every platform can fsync a folder; the rename itself is still atomic.
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One file being written. */
    private static final class Pending implements PendingExportFile {
        private final Path folder;
        private final Path part;
        private final Path etagFile;
        private final Path data;
        private final Path manifest;
        private final FileChannel channel;
        private final FileLock lock;
        private long length;
        private String etag;
        private boolean closed;

        Pending(Path folder, ExportFileKey key) {
            this.folder = folder;
            this.data = folder.resolve(StorageLayout.dataName(key));
            this.manifest = folder.resolve(StorageLayout.manifestName(key));
            this.part = folder.resolve(StorageLayout.dataName(key) + ".part");
            this.etagFile = folder.resolve(StorageLayout.dataName(key) + ".part.etag");
            try {
                channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw failure("open", part, e);
            }
            FileLock acquired;
            try {
                acquired = channel.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                closeChannel();
                throw new ExportStorageException("another process is writing " + part, null, true);
            }
            lock = acquired;
            try {
                length = channel.size();
                channel.position(length);
                etag = Files.isRegularFile(etagFile)
                        ? Files.readString(etagFile, StandardCharsets.UTF_8).strip() : null;
                if (etag != null && etag.isEmpty()) {
                    etag = null;
                }
            } catch (IOException e) {
                close();
                throw failure("read", part, e);
            }
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public Optional<String> sourceEtag() {
            return Optional.ofNullable(etag);
        }

        @Override
        public void recordSourceEtag(String newEtag) {
            etag = newEtag;
            try {
                if (newEtag == null) {
                    Files.deleteIfExists(etagFile);
                } else {
                    Path tmp = folder.resolve(etagFile.getFileName() + ".tmp");
                    Files.writeString(tmp, newEtag, StandardCharsets.UTF_8);
                    moveAtomically(tmp, etagFile);
                }
            } catch (IOException e) {
                throw failure("write", etagFile, e);
            }
        }

        @Override
        public InputStream readHeld() {
            try {
                FileChannel reader = FileChannel.open(part, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(reader);
                long limit = length;
                return new java.io.FilterInputStream(in) {
                    private long left = limit;

                    @Override
                    public int read() throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int b = in.read();
                        left -= b < 0 ? 0 : 1;
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = in.read(b, off, (int) Math.min(len, left));
                        left -= Math.max(0, n);
                        return n;
                    }
                };
            } catch (IOException e) {
                throw failure("read", part, e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, count);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw failure("write", part, e);
            }
            length += count;
        }

        @Override
        public void reset() {
            try {
                channel.truncate(0);
                channel.position(0);
                length = 0;
            } catch (IOException e) {
                throw failure("truncate", part, e);
            }
            recordSourceEtag(null);
        }

        @Override
        public StoredExport publish(ExportManifest m) {
            if (m.bytes() != length) {
                throw new ExportStorageException("manifest says " + m.bytes() + " bytes but " + part + " holds "
                        + length, null, false);
            }
            try {
                channel.force(true);
                close();
                moveAtomically(part, data);
                fsyncFolder(folder);
                Path tmp = folder.resolve(manifest.getFileName() + ".tmp");
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(ByteBuffer.wrap(ManifestJson.encode(m)));
                    out.force(true);
                }
                moveAtomically(tmp, manifest);
                fsyncFolder(folder);
                Files.deleteIfExists(etagFile);
            } catch (IOException e) {
                throw failure("publish", data, e);
            }
            return new StoredExport(m, data.toString());
        }

        @Override
        public void discard() {
            close();
            try {
                Files.deleteIfExists(part);
                Files.deleteIfExists(etagFile);
            } catch (IOException e) {
                throw failure("delete", part, e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } catch (IOException ignored) {
                // Closing the channel releases the lock anyway.
            }
            closeChannel();
        }

        private void closeChannel() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more can be done for a channel that will not close.
            }
        }
    }
}
