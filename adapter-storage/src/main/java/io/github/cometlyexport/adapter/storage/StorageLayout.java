package io.github.cometlyexport.adapter.storage;

import io.github.cometlyexport.domain.ExportFileKey;
import java.time.LocalDate;

/**
 * Where an export lives below a store's root, Hive-style so that query engines (Athena, Spark, Snowflake) can read
 * the folders as a {@code date} partition:
 * {@code date=YYYY-MM-DD/cometly-events-<export_id>.ndjson.gz} with its
 * {@code cometly-events-<export_id>.manifest.json} beside it; when the day is unknown (a bare download by id),
 * {@code export_id=<id>/…}. Paths use {@code /}.
 */
public final class StorageLayout {
    /** Ending of an export file. */
    public static final String DATA_SUFFIX = ".ndjson.gz";
    /** Ending of a manifest. */
    public static final String MANIFEST_SUFFIX = ".manifest.json";

    private StorageLayout() {
    }

    /**
     * @param key the export
     * @return its folder relative to the root, without a trailing slash
     */
    public static String folder(ExportFileKey key) {
        return key.date() != null ? dateFolder(key.date()) : "export_id=" + key.exportId().value();
    }

    /**
     * @param date a day
     * @return the folder of that day's exports
     */
    public static String dateFolder(LocalDate date) {
        return "date=" + date;
    }

    /**
     * @param key the export
     * @return the export file's name
     */
    public static String dataName(ExportFileKey key) {
        return "cometly-events-" + key.exportId().value() + DATA_SUFFIX;
    }

    /**
     * @param key the export
     * @return the manifest's name
     */
    public static String manifestName(ExportFileKey key) {
        return "cometly-events-" + key.exportId().value() + MANIFEST_SUFFIX;
    }
}
