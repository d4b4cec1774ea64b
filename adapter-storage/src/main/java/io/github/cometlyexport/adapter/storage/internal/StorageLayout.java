package io.github.cometlyexport.adapter.storage.internal;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.StoredFormat;

/**
 * Where things live below a store's root, laid out as tables that Athena, Spark, Trino and Hive read, shared by
 * every store:
 * <pre>
 * events/_table.json                                  the table's filters and files' format, written once
 * events/date=2024-01-15/events-2024-01-15.ndjson.gz  the day's one data file, named by the day ({@code .ndjson}
 *                                                     when the store keeps files decompressed)
 * events/date=2024-01-15/_manifest.json               one line of JSON, written last (the commit mark)
 * events/date=2024-01-15/.events-2024-01-15.ndjson.gz.part   a download in progress (local store)
 * export_id=123/events-123.ndjson.gz                  a bare download whose day is unknown, with its manifest
 * </pre>
 * Contacts and companies are tables of their own, laid out alike: {@code contacts/date=…/contacts-….ndjson.gz},
 * {@code companies/date=…/companies-….ndjson.gz}.
 * Every name in a partition other than the data file starts with {@code _} or {@code .}, which query engines
 * skip. Paths use {@code /}.
 */
public final class StorageLayout {
    /** A day's manifest, beside its data file. */
    public static final String MANIFEST = "_manifest.json";
    /** A table's definition, at the table's root. */
    public static final String TABLE = "_table.json";

    private StorageLayout() {
    }

    /**
     * @param key the export
     * @return its folder relative to the root, without a trailing slash
     */
    public static String folder(ExportFileKey key) {
        return key.date() != null ? key.dataset().wireName() + "/date=" + key.date()
                : "export_id=" + key.exportId().value();
    }

    /**
     * @param key    the export
     * @param format how the store keeps files ({@code .ndjson.gz} or {@code .ndjson})
     * @return the data file's name: fixed by the day, so that a day has one data file whichever job made it
     */
    public static String dataName(ExportFileKey key, StoredFormat format) {
        return key.dataset().wireName() + "-" + (key.date() != null ? key.date().toString()
                : Long.toString(key.exportId().value())) + format.suffix();
    }

    /**
     * @param key    the export
     * @param format how the store keeps files
     * @return the name of its download in progress: hidden, and keyed like the data file (by the day)
     */
    public static String partName(ExportFileKey key, StoredFormat format) {
        return "." + dataName(key, format) + ".part";
    }

    /**
     * @param dataset a table's dataset
     * @return the table's definition file, relative to the root
     */
    public static String tableFile(String dataset) {
        return dataset + "/" + TABLE;
    }
}
