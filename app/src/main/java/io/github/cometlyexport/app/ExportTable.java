package io.github.cometlyexport.app;

import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driving.DownloadExportUseCase;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import java.util.Objects;

/**
 * One destination of a {@link CometlyExport} client: a store (a local folder, an S3 prefix, or a host's own) and the
 * use cases that fill it. Every dataset has its own table under the destination ({@code events/}, {@code contacts/},
 * {@code companies/});
 * which dataset and filters a run exports is said by each command ({@code ExportDaysCommand#table()}). Every table
 * of a client shares its HTTP pools, its ledger and the Space's budgets, so any number of them keep the Space at one
 * budget. Taken from {@link CometlyExport#table(String)} and its kin; thread-safe; closed with its client.
 */
public final class ExportTable {
    private final StoreExportFilePort store;
    private final ExportDaysUseCase days;
    private final ExportEventsUseCase export;
    private final DownloadExportUseCase download;

    ExportTable(StoreExportFilePort store, ExportDaysUseCase days, ExportEventsUseCase export,
                DownloadExportUseCase download) {
        this.store = Objects.requireNonNull(store, "store");
        this.days = Objects.requireNonNull(days, "days");
        this.export = Objects.requireNonNull(export, "export");
        this.download = Objects.requireNonNull(download, "download");
    }

    /**
     * @return exporting a range of days as fast as the Space's limits allow (one result per day): the CLI's
     *         backfill, and what a host runs nightly
     */
    public ExportDaysUseCase exportDays() {
        return days;
    }

    /** @return exporting one day end to end (the one-day case of {@link #exportDays()}) */
    public ExportEventsUseCase exportEvents() {
        return export;
    }

    /** @return downloading an existing job's file into this table */
    public DownloadExportUseCase download() {
        return download;
    }

    /** @return the store the files go to */
    public StoreExportFilePort store() {
        return store;
    }

    /** @return where the files go, as the store names it (the ledger tells tables apart by it) */
    public String location() {
        return store.location();
    }

    @Override
    public String toString() {
        return "ExportTable[" + location() + "]";
    }
}
