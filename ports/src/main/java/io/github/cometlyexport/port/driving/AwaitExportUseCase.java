package io.github.cometlyexport.port.driving;

/** Polls a job until it is terminal or a budget runs out, within the Space's status rate budget. */
public interface AwaitExportUseCase {

    /**
     * @param command which job, with what policy
     * @return finished (completed or failed) or gave up
     * @throws io.github.cometlyexport.port.driven.ExportException on any infrastructure failure, including a status
     *         that goes backwards ({@code ExportProtocolException})
     */
    AwaitOutcome await(AwaitExportCommand command);
}
