package io.github.cometlyexport.port.driving;

/**
 * Exports one day end to end: skip if a verified result of an equal request is stored; otherwise create a job,
 * await it, download, verify and store it, replacing failed jobs as the replacement policy allows.
 */
public interface ExportEventsUseCase {

    /**
     * @param command what to export, with what policies
     * @return stored (or already stored), failed after the allowed jobs, or gave up waiting
     * @throws io.github.cometlyexport.port.driven.ExportException on infrastructure failure
     */
    ExportOutcome export(ExportEventsCommand command);
}
