package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportRequest;
import java.util.Objects;

/**
 * Export one day of events end to end. The service's policies say how to wait, replace and download, and when a
 * day is closed.
 *
 * @param request  what to export (valid by construction)
 * @param mode     what to do with a day that is stored already or not closed yet
 * @param listener hears progress; {@link ExportProgressListener#NONE} when null
 */
public record ExportEventsCommand(ExportRequest request, Mode mode, ExportProgressListener listener) {

    /** What to do with a day that is stored already or not closed yet. */
    public enum Mode {
        /** A closed day, skipped when stored and verified; an open day is refused. The default. */
        CLOSED_DAY,
        /** A closed day, exported again even when stored (late data), replacing the stored file in one step. */
        REFRESH,
        /** Any day; one that is not closed yet is stored as provisional, to be replaced once it closes. */
        PARTIAL
    }

    /**
     * Checks the request and fills in the default mode and a listener that hears nothing.
     *
     * @param request  what to export; not null
     * @param mode     what to do with a day that is stored already or not closed yet; {@code null} means
     *                 {@link Mode#CLOSED_DAY}
     * @param listener hears progress, or {@code null} for nobody
     * @throws NullPointerException if {@code request} is null
     */
    public ExportEventsCommand {
        Objects.requireNonNull(request, "request");
        mode = mode == null ? Mode.CLOSED_DAY : mode;
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param request  what to export
     * @param listener hears progress, or {@code null}
     */
    public ExportEventsCommand(ExportRequest request, ExportProgressListener listener) {
        this(request, Mode.CLOSED_DAY, listener);
    }

    /**
     * @param request what to export
     * @return a command for a closed day, with no listener
     */
    public static ExportEventsCommand of(ExportRequest request) {
        return new ExportEventsCommand(request, Mode.CLOSED_DAY, ExportProgressListener.NONE);
    }
}
