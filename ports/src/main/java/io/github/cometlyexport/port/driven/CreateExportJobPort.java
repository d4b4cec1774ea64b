package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;

/**
 * Creates an export job at Cometly ({@code POST /events/exports}). Counts against the Space's create budget
 * (5 per minute). Implementations must be thread-safe.
 */
public interface CreateExportJobPort {

    /**
     * Creates one job. There is no idempotency key: every successful call is a new job.
     *
     * @param request a valid request
     * @return the new job's id (the job starts {@code queued})
     * @throws ExportApiException       on 401, 403, 422 (with every field error) or another refusal
     * @throws ExportRateLimitException when the create budget stays exhausted past the adapter's retries
     * @throws ExportTransportException on network failure; {@link ExportTransportException#mayHaveCreatedJob()}
     *                                  tells whether a job may exist anyway
     * @throws ExportProtocolException  on a malformed response
     */
    ExportJobId create(ExportRequest request);
}
