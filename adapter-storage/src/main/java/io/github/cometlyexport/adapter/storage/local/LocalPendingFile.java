package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
    /** A test's seam: runs right before the part is renamed to the final name. */
    private Runnable beforeRename = () -> { };

    LocalPendingFile(Path folder, ExportFileKey key, StoredFormat format, Runnable betweenOpenAndLock) {
        this.folder = folder;
        this.data = folder.resolve(StorageLayout.dataName(key, format));
        this.manifest = folder.resolve(StorageLayout.MANIFEST);
        this.part = folder.resolve(StorageLayout.partName(key, format));
        this.etagFile = folder.resolve(StorageLayout.partName(key, format) + ".etag");
        FileChannel opened = null;
        FileLock acquired = null;
        for (int attempt = 0; acquired == null; attempt++) {
            Object before = fileKey(part);
            try {
                opened = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw LocalFileStorageAdapter.failure("open", part, e);
            }
            betweenOpenAndLock.run();
            try {
                acquired = opened.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                closeQuietly(opened);
                throw new ExportStorageException("another process is writing " + part, null, true);
            }
            // The lock is on the file that was opened; a writer that published meanwhile renamed that file to the
            // final name. Only a part that still bears the name it was opened by is ours to write: else start over
            // (a part created just now is checked on the next round, by the key read before opening it).
            Object after = fileKey(part);
            boolean samePart = after != null ? after.equals(before) : before == null && Files.exists(part);
            if (!samePart) {
                closeQuietly(opened);
                acquired = null;
                if (attempt >= 4) {
                    throw new ExportStorageException("another process is writing " + part, null, true);
                }
            }
        }
        channel = opened;
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
            // Renamed while still locked: a writer that opens the part now is refused, and one that opened it
            // before finds, once it has the lock, that the name is no longer its file's (see the constructor).
            beforeRename.run();
            moveAtomically(part, data);
            close();
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

    /** @param seam runs right before the part is renamed to the final name (tests only) */
    void beforeRename(Runnable seam) {
        beforeRename = seam;
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
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing more can be done for a channel that will not close; closing also releases its lock.
        }
    }

    /** @return the file system's identity of the file at {@code path}, or null when absent (or not supported) */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
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
