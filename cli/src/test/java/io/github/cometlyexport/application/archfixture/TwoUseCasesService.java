package io.github.cometlyexport.application.archfixture;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.port.driving.AwaitExportCommand;
import io.github.cometlyexport.port.driving.AwaitExportUseCase;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.GetExportStatusCommand;
import io.github.cometlyexport.port.driving.GetExportStatusUseCase;

/** Deliberately bad: a service implements exactly one use case. */
public final class TwoUseCasesService implements GetExportStatusUseCase, AwaitExportUseCase {
    @Override
    public ExportJob getStatus(GetExportStatusCommand command) {
        throw new UnsupportedOperationException("fixture");
    }

    @Override
    public AwaitOutcome await(AwaitExportCommand command) {
        throw new UnsupportedOperationException("fixture");
    }
}
