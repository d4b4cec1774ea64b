package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What goes into the pending file when the stored bytes are not the downloaded ones: the verified, inflated lines
 * themselves (NDJSON), or the rows a {@link ConvertExportFilePort} makes of them (Parquet). Counts and hashes the
 * bytes written, and holds a converter to the line count the verifier found. Used by one thread; close it.
 */
final class StoredOutput implements AutoCloseable {
    private final HashingOut out;
    private final ConvertExportFilePort.LineConverter converter;

    /** The stored file's facts. */
    record Facts(long bytes, String sha256, long rows) {
    }

    private StoredOutput(PendingExportFile pending, ConvertExportFilePort.LineConverter converter) {
        this.out = new HashingOut(pending);
        this.converter = converter;
    }

    private StoredOutput(HashingOut out, ConvertExportFilePort convert, Dataset dataset) {
        this.out = out;
        this.converter = convert.start(dataset, out);
    }

    /**
     * @param format  the store's format, not {@link StoredFormat#GZIP}
     * @param convert the converter for that format, or {@code null} for NDJSON
     */
    static StoredOutput open(StoredFormat format, PendingExportFile pending, ConvertExportFilePort convert,
                             Dataset dataset) {
        if (format == StoredFormat.NDJSON) {
            return new StoredOutput(pending, null);
        }
        if (convert == null || convert.format() != format) {
            throw new IllegalStateException("a " + format + " store needs a converter to " + format);
        }
        return new StoredOutput(new HashingOut(pending), convert, dataset);
    }

    /** Takes the next verified inflated bytes. */
    void accept(byte[] bytes, int length) {
        if (converter == null) {
            out.write(bytes, 0, length);
        } else {
            converter.accept(bytes, 0, length);
        }
    }

    /**
     * @param lines how many lines the verifier counted
     * @return the stored file's facts
     * @throws ExportIntegrityException if the converter wrote another number of rows
     */
    Facts finish(long lines) {
        long rows = converter == null ? lines : converter.finish();
        if (rows != lines) {
            throw new ExportIntegrityException("converted " + rows + " rows from " + lines + " verified lines", null);
        }
        return new Facts(out.count, HexFormat.of().formatHex(out.digest.digest()), rows);
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Writes to the pending file, counting and hashing; a store failure stays the store's exception. */
    private static final class HashingOut extends OutputStream {
        private final PendingExportFile pending;
        private final MessageDigest digest = sha256();
        private long count;

        HashingOut(PendingExportFile pending) {
            this.pending = Objects.requireNonNull(pending, "pending");
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }
    }
}
