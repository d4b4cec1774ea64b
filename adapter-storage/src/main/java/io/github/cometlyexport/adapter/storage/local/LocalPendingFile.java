package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.ManifestJson;
import io.github.cometlyexport.adapter.storage.StorageLayout;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One export file being written to a local folder: a locked {@code .part} file (and its source ETag beside it) that
 * survives a killed process and is resumed, published by an atomic rename and the manifest written last.
 */
final class LocalPendingFile implements PendingExportFile {
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

    LocalPendingFile(Path folder, ExportFileKey key, StoredFormat format) {
        this.folder = folder;
        this.data = folder.resolve(StorageLayout.dataName(key, format));
        this.manifest = folder.resolve(StorageLayout.MANIFEST);
        this.part = folder.resolve(StorageLayout.partName(key, format));
        this.etagFile = folder.resolve(StorageLayout.partName(key, format) + ".etag");
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw LocalFileStorageAdapter.failure("open", part, e);
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
            throw LocalFileStorageAdapter.failure("read", part, e);
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
            throw LocalFileStorageAdapter.failure("write", etagFile, e);
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
            throw LocalFileStorageAdapter.failure("read", part, e);
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
            throw LocalFileStorageAdapter.failure("write", part, e);
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
            throw LocalFileStorageAdapter.failure("truncate", part, e);
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
            Path tmp = folder.resolve(".manifest.tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(ManifestJson.encode(m, null)));
                out.force(true);
            }
            moveAtomically(tmp, manifest);
            fsyncFolder(folder);
            Files.deleteIfExists(etagFile);
        } catch (IOException e) {
            throw LocalFileStorageAdapter.failure("publish", data, e);
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
            throw LocalFileStorageAdapter.failure("delete", part, e);
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
}
