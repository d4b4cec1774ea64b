package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportRequest;
import java.util.Objects;

/**
 * Export one day of events end to end. The service's policies say how to wait, replace and download.
 *
 * @param request  what to export (valid by construction)
 * @param listener hears progress; {@link ExportProgressListener#NONE} when null
 */
public record ExportEventsCommand(ExportRequest request, ExportProgressListener listener) {
    /** @throws NullPointerException if {@code request} is null */
    public ExportEventsCommand {
        Objects.requireNonNull(request, "request");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param request what to export
     * @return a command with no listener
     */
    public static ExportEventsCommand of(ExportRequest request) {
        return new ExportEventsCommand(request, ExportProgressListener.NONE);
    }
}
