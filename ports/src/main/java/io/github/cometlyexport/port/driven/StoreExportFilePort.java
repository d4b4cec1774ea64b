package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import java.util.Optional;

/**
 * Keeps export files. "Stored" means complete and verified: a store publishes a file under its final name
 * atomically, and writes its manifest last as the commit mark, so a reader never sees a partial file.
 * Implementations must be thread-safe; one {@link PendingExportFile} is used by one thread at a time.
 */
public interface StoreExportFilePort {

    /**
     * @param key the job (and day, when known)
     * @return the stored export with a valid manifest, if there is one
     * @throws ExportStorageException when the store cannot be read
     */
    Optional<StoredExport> findStored(ExportFileKey key);

    /**
     * Finds a stored export of the same day made with an equal request, so that work already done is skipped.
     *
     * @param request the request
     * @return a stored export whose manifest carries an equal request, if there is one
     * @throws ExportStorageException when the store cannot be read
     */
    Optional<StoredExport> findStored(ExportRequest request);

    /**
     * Opens a stored file for reading, from its first byte, exactly as it was verified and published.
     *
     * @param stored a result of {@link #findStored(ExportFileKey)} or {@link #findStored(ExportRequest)}
     * @return the file's bytes; the caller closes the stream
     * @throws ExportStorageException when the file cannot be read (or is gone)
     */
    java.io.InputStream openStored(StoredExport stored);

    /**
     * Starts (or, where the store supports it, resumes) writing the file for {@code key}. Nothing is visible
     * under the final name until {@link PendingExportFile#publish}.
     *
     * @param key the job (and day, when known)
     * @return the pending file; {@link PendingExportFile#length()} is where a resume starts
     * @throws ExportStorageException when the store cannot be written (no permission, a path that is a file…)
     */
    PendingExportFile begin(ExportFileKey key);
}
