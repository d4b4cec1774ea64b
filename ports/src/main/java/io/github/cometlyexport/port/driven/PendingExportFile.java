package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import java.io.InputStream;
import java.util.Optional;

/**
 * A file being written to a store, not yet visible under its final name. Used by one thread at a time.
 *
 * <p>Lifecycle: {@link #write} bytes (after any already {@link #length() held} from an earlier run), then either
 * {@link #publish} (atomic: the file appears complete under its final name, then the manifest), or {@link #discard}
 * (nothing remains), or {@link #close} without publishing (the bytes stay resumable where the store supports it,
 * and are discarded where it does not). Every method throws {@link ExportStorageException} when the store fails.
 */
public interface PendingExportFile extends AutoCloseable {

    /** @return how many bytes the file holds (a resume starts here; 0 for a fresh file) */
    long length();

    /** @return the source ETag recorded with the held bytes, if any */
    Optional<String> sourceEtag();

    /**
     * Records the source object's ETag with the held bytes, so that a later resume can be pinned to it.
     *
     * @param etag the ETag, or {@code null} when the server sent none
     */
    void recordSourceEtag(String etag);

    /**
     * @return the held bytes from byte 0, for verifying a resumed file from its start; the caller closes it
     */
    InputStream readHeld();

    /**
     * Appends bytes.
     *
     * @param bytes  the buffer
     * @param offset start in the buffer
     * @param length how many bytes
     */
    void write(byte[] bytes, int offset, int length);

    /** Drops every held byte and the recorded ETag: the next write starts the file again. */
    void reset();

    /**
     * Makes the file visible under its final name, complete, then writes the manifest as the commit mark.
     *
     * @param manifest the verified facts; its {@code bytes} must equal {@link #length()}
     * @return where the file now is
     */
    StoredExport publish(ExportManifest manifest);

    /** Removes everything written, leaving nothing to resume. */
    void discard();

    /** Releases resources; an unpublished file stays resumable where the store supports it. Idempotent. */
    @Override
    void close();
}
