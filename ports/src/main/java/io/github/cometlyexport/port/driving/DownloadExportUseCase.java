package io.github.cometlyexport.port.driving;

/**
 * Downloads a job's file: waits if needed, renews expired links, resumes broken transfers, verifies gzip and every
 * line while streaming, computes SHA-256, and publishes only a verified file.
 */
public interface DownloadExportUseCase {

    /**
     * @param command which job, with what policies
     * @return stored (or already stored), the job failed, or waiting gave up
     * @throws io.github.cometlyexport.port.driven.ExportException on infrastructure failure; an
     *         {@code ExportIntegrityException} when the file does not verify (nothing is published)
     */
    ExportOutcome download(DownloadExportCommand command);
}
