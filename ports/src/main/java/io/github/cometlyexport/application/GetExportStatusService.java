package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.port.driving.GetExportStatusCommand;
import io.github.cometlyexport.port.driving.GetExportStatusUseCase;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import java.util.Objects;

/** Reads a job's status with one request. Thread-safe if the port is. */
public final class GetExportStatusService implements GetExportStatusUseCase {
    private final FetchExportJobPort fetch;

    /** @param fetch reads job statuses */
    public GetExportStatusService(FetchExportJobPort fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    @Override
    public ExportJob getStatus(GetExportStatusCommand command) {
        return fetch.fetch(command.exportId());
    }
}
