package io.github.cometlyexport.port.in;

import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import java.util.Objects;

/**
 * Export one day of events end to end.
 *
 * @param request           what to export (valid by construction)
 * @param pollingPolicy     how to wait for each job
 * @param replacementPolicy how many jobs to create in all when jobs fail
 * @param downloadPolicy    how to cope with dying links and broken connections
 * @param listener          hears progress; {@link ExportProgressListener#NONE} when null
 */
public record ExportEventsCommand(ExportRequest request, PollingPolicy pollingPolicy,
                                  ReplacementPolicy replacementPolicy, DownloadPolicy downloadPolicy,
                                  ExportProgressListener listener) {
    /** @throws NullPointerException if a required argument is null */
    public ExportEventsCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(pollingPolicy, "pollingPolicy");
        Objects.requireNonNull(replacementPolicy, "replacementPolicy");
        Objects.requireNonNull(downloadPolicy, "downloadPolicy");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param request what to export
     * @return a command with default policies and no listener
     */
    public static ExportEventsCommand of(ExportRequest request) {
        return new ExportEventsCommand(request, PollingPolicy.defaults(), ReplacementPolicy.defaults(),
                DownloadPolicy.defaults(), ExportProgressListener.NONE);
    }
}
