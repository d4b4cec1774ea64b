package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportJobId;
import java.util.Objects;

/**
 * Ask for one job's status, once.
 *
 * @param exportId the job
 */
public record GetExportStatusCommand(ExportJobId exportId) {
    /**
     * Checks that the job is given.
     *
     * @param exportId the job to ask about; not null
     * @throws NullPointerException if {@code exportId} is null
     */
    public GetExportStatusCommand {
        Objects.requireNonNull(exportId, "exportId");
    }
}
