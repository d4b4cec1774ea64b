package io.github.cometlyexport.port.driving;

import io.github.cometlyexport.domain.ExportFileKey;
import java.util.Objects;

/**
 * Download an existing job's file: wait for it if needed, stream it, verify it, store it. Skipped when the store
 * already holds a verified file for the key. The service's policies say how to wait and download.
 *
 * @param key      the job, and the day when known (the store lays files out by it)
 * @param listener hears progress; {@link ExportProgressListener#NONE} when null
 */
public record DownloadExportCommand(ExportFileKey key, ExportProgressListener listener) {
    /**
     * Checks the key and stands in a listener that hears nothing for a missing one.
     *
     * @param key      the job, and the day when known; not null
     * @param listener hears progress, or {@code null} for nobody
     * @throws NullPointerException if {@code key} is null
     */
    public DownloadExportCommand {
        Objects.requireNonNull(key, "key");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param key the job (and day)
     * @return a command with no listener
     */
    public static DownloadExportCommand of(ExportFileKey key) {
        return new DownloadExportCommand(key, ExportProgressListener.NONE);
    }
}
