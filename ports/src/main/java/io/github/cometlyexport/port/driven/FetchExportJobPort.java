package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;

/**
 * Reads a job's status ({@code GET /events/exports/{id}}). Counts against the Space's status budget (30 per
 * minute). For a completed job, every call mints a fresh download link with a fresh 15-minute window.
 * Implementations must be thread-safe.
 */
public interface FetchExportJobPort {

    /**
     * @param id the job
     * @return the job as it is now
     * @throws ExportApiException       on 401, 403, 404 or another refusal; 5xx after the adapter's retries
     * @throws ExportRateLimitException when the status budget stays exhausted past the adapter's retries
     * @throws ExportTransportException on network failure after the adapter's retries
     * @throws ExportProtocolException  on an unknown status value, a missing key or malformed JSON
     */
    ExportJob fetch(ExportJobId id);
}
