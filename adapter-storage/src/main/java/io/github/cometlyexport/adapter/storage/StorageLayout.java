package io.github.cometlyexport.adapter.storage;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;

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
     * The one scan for a day's stored export of a request, for every store: each manifest among {@code names} is
     * read with its data file, and the first whose request equals {@code request} is the answer.
     *
     * @param names   names (or keys, or paths) in the day's folder; those that are not manifests are skipped
     * @param read    reads a manifest and its data file (by the same kind of name) into a stored export, empty
     *                when they do not make a complete one
     * @param request the request to match
     * @return the stored export of that request, if any
     */
    public static Optional<StoredExport> findMatching(Iterable<String> names,
                                                      BiFunction<String, String, Optional<StoredExport>> read,
                                                      ExportRequest request) {
        for (String manifest : names) {
            if (!manifest.endsWith(MANIFEST_SUFFIX)) {
                continue;
            }
            String data = manifest.substring(0, manifest.length() - MANIFEST_SUFFIX.length()) + DATA_SUFFIX;
            Optional<StoredExport> stored = read.apply(manifest, data);
            if (stored.isPresent() && request.equals(stored.get().manifest().request())) {
                return stored;
            }
        }
        return Optional.empty();
    }

    /**
     * @param key the export
     * @return the manifest's name
     */
    public static String manifestName(ExportFileKey key) {
        return "cometly-events-" + key.exportId().value() + MANIFEST_SUFFIX;
    }
}
