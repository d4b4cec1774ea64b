package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import java.util.Optional;

/**
 * Keeps export files as tables that query engines read: one data file per day under a name fixed by the day, and
 * beside it only names that start with {@code _} or {@code .} (the manifest, files in progress). "Stored" means
 * complete and verified: a store publishes a file under its final name atomically (replacing an earlier one of
 * the same day in one step), then writes its manifest as the commit mark, so a reader never sees a partial,
 * missing or doubled file. Implementations must be thread-safe; one {@link PendingExportFile} is used by one thread
 * at a time.
 */
public interface StoreExportFilePort {

    /**
     * The canonical name of this destination: equal for every spelling of the same place, so that the ledger keys
     * its days (and processes lock them) once per table, whichever spelling a run was given. A folder is its
     * absolute, normalized path with the symbolic links of its existing part resolved; S3 is
     * {@code s3://bucket/prefix} without a trailing or doubled slash.
     *
     * @return the destination's canonical name; safe to print
     */
    String location();

    /**
     * @param key the job (and day, when known)
     * @return the stored export with a valid manifest, if there is one
     * @throws ExportStorageException when the store cannot be read
     */
    Optional<StoredExport> findStored(ExportFileKey key);

    /**
     * Finds the day's stored export if it was made with an equal request and its bytes are the ones its manifest
     * describes (same SHA-256: the stored bytes are re-read, or checked by a checksum the store kept with them), so
     * that work already done is skipped and a damaged file is not.
     *
     * @param request the request
     * @return the verified stored export of that request's day, if there is one
     * @throws ExportStorageException when the store cannot be read
     */
    Optional<StoredExport> findStored(ExportRequest request);

    /**
     * @return how this store keeps files: the downloaded gzip as it is, or decompressed; the bytes written to a
     *         {@link PendingExportFile} are in this format
     */
    default StoredFormat format() {
        return StoredFormat.GZIP;
    }

    /**
     * Writes the table's definition if the destination has none yet, atomically; a destination holds one table per
     * dataset, and its definition is written once.
     *
     * @param wanted the definition of the table a run is about to fill
     * @return the table's definition as stored: {@code wanted} when it was written now or was equal already, the
     *         earlier one when it differs (the caller refuses to mix them)
     * @throws ExportStorageException when the store cannot be read or written
     */
    TableDefinition claimTable(TableDefinition wanted);

    /**
     * Opens a stored file for reading, from its first byte, exactly as it was verified and published.
     *
     * @param stored a result of {@link #findStored(ExportFileKey)} or {@link #findStored(ExportRequest)}
     * @return the file's bytes; the caller closes the stream
     * @throws ExportStorageException when the file cannot be read (or is gone)
     */
    java.io.InputStream openStored(StoredExport stored);

    /**
     * Starts (or, where the store supports it, resumes) writing the file for {@code key}. A day's file in progress
     * is keyed by the day, not by the job, so that whichever job exports the day next resumes it (the caller checks
     * that the object is the same). Nothing is visible under the final name until {@link PendingExportFile#publish}.
     *
     * @param key the job (and day, when known)
     * @return the pending file; {@link PendingExportFile#length()} is where a resume starts
     * @throws ExportStorageException when the store cannot be written (no permission, a path that is a file…)
     */
    PendingExportFile begin(ExportFileKey key);
}
