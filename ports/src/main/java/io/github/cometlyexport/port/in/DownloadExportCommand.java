package io.github.cometlyexport.port.in;

import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.PollingPolicy;
import java.util.Objects;

/**
 * Download an existing job's file: wait for it if needed, stream it, verify it, store it. Skipped when the store
 * already holds a verified file for the key.
 *
 * @param key            the job, and the day when known (the store lays files out by it)
 * @param pollingPolicy  how to wait if the job is not completed yet
 * @param downloadPolicy how to cope with dying links and broken connections
 * @param listener       hears progress; {@link ExportProgressListener#NONE} when null
 */
public record DownloadExportCommand(ExportFileKey key, PollingPolicy pollingPolicy, DownloadPolicy downloadPolicy,
                                    ExportProgressListener listener) {
    /** @throws NullPointerException if a required argument is null */
    public DownloadExportCommand {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pollingPolicy, "pollingPolicy");
        Objects.requireNonNull(downloadPolicy, "downloadPolicy");
        listener = listener == null ? ExportProgressListener.NONE : listener;
    }

    /**
     * @param key the job (and day)
     * @return a command with default policies and no listener
     */
    public static DownloadExportCommand of(ExportFileKey key) {
        return new DownloadExportCommand(key, PollingPolicy.defaults(), DownloadPolicy.defaults(),
                ExportProgressListener.NONE);
    }
}
