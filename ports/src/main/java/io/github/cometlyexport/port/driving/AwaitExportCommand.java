package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportJobId;
import java.util.Objects;

/**
 * Wait for one job to reach {@code completed} or {@code failed} (the service's polling policy says how).
 *
 * @param exportId the job
 * @param listener hears each observation; {@link ExportProgressListener#NONE} when null
 */
public record AwaitExportCommand(ExportJobId exportId, ExportProgressListener listener) {
    /**
     * Checks the job and stands in a listener that hears nothing for a missing one.
     *
     * @param exportId the job to wait for; not null
     * @param listener hears each observation, or {@code null} for nobody
     * @throws NullPointerException if {@code exportId} is null
     */
    public AwaitExportCommand {
        Objects.requireNonNull(exportId, "exportId");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param exportId the job
     * @return a command with no listener
     */
    public static AwaitExportCommand of(ExportJobId exportId) {
        return new AwaitExportCommand(exportId, ExportProgressListener.NONE);
    }
}
