package io.github.cometlyexport.port.in;

import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.PollingPolicy;
import java.util.Objects;

/**
 * Wait for one job to reach {@code completed} or {@code failed}.
 *
 * @param exportId the job
 * @param policy   when to poll and when to give up
 * @param listener hears each observation; {@link ExportProgressListener#NONE} when null
 */
public record AwaitExportCommand(ExportJobId exportId, PollingPolicy policy, ExportProgressListener listener) {
    /** @throws NullPointerException if {@code exportId} or {@code policy} is null */
    public AwaitExportCommand {
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(policy, "policy");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param exportId the job
     * @return a command with the default policy and no listener
     */
    public static AwaitExportCommand of(ExportJobId exportId) {
        return new AwaitExportCommand(exportId, PollingPolicy.defaults(), ExportProgressListener.NONE);
    }
}
