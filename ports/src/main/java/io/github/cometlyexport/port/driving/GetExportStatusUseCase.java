package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportJob;

/** Reads a job's status with one request. */
public interface GetExportStatusUseCase {

    /**
     * @param command which job
     * @return the job as it is now (a completed job carries a freshly minted link)
     * @throws io.github.cometlyexport.port.driven.ExportException on any infrastructure failure
     */
    ExportJob getStatus(GetExportStatusCommand command);
}
