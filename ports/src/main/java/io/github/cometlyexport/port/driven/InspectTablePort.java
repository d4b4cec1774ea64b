package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.TableDefinition;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Looks at a table as it lies in its store, without trusting it: its definition, and each day's partition as
 * listed (every visible name with its size, whether a manifest is there and what it says), so that an audit can
 * tell a stored day from a missing or damaged one. Listing and manifests are cheap (one listing of the table and one
 * small read per day); data files are read only when asked for. Implementations must be thread-safe.
 */
public interface InspectTablePort {

    /**
     * A table's definition file as found.
     *
     * @param present    whether the file exists
     * @param definition the definition, or {@code null} when the file is absent or not a definition
     */
    record TableFile(boolean present, TableDefinition definition) {
    }

    /**
     * One day's partition as listed.
     *
     * @param day          the day its folder names
     * @param visible      every name in it that query engines read (not starting with {@code _} or {@code .}), with
     *                     its size in bytes; kept sorted by name
     * @param manifestPresent whether a manifest file exists
     * @param manifest     the manifest, or {@code null} when absent or unreadable (not a complete, valid manifest)
     */
    record Partition(LocalDate day, Map<String, Long> visible, boolean manifestPresent,
                     ExportManifest manifest) {
        /**
         * Copies the names.
         *
         * @param day             the day; not null
         * @param visible         the visible names and sizes; not null, copied (sorted by name)
         * @param manifestPresent whether a manifest file exists
         * @param manifest        the manifest, or {@code null}
         */
        public Partition {
            Objects.requireNonNull(day, "day");
            visible = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(visible)));
        }
    }

    /** @return the store's canonical name (as {@link StoreExportFilePort#location()}); safe to print */
    String location();

    /**
     * @param dataset the table's dataset
     * @return the table's definition file as found
     * @throws ExportStorageException when the store cannot be read
     */
    TableFile table(Dataset dataset);

    /**
     * @param dataset the table's dataset
     * @param from    the first day, inclusive
     * @param to      the last day, inclusive
     * @return the partitions that exist for days of the range (a folder or any object under its prefix), in date
     *         order; a day with no partition is absent from the list
     * @throws ExportStorageException when the store cannot be listed or a manifest cannot be read
     */
    List<Partition> partitions(Dataset dataset, LocalDate from, LocalDate to);

    /**
     * @param dataset the table's dataset
     * @param day     the partition's day
     * @param name    one of the partition's {@link Partition#visible() visible names}
     * @return the file's bytes from the first, as stored; the caller closes the stream
     * @throws ExportStorageException when the file cannot be read (or is gone)
     */
    InputStream openVisible(Dataset dataset, LocalDate day, String name);
}
