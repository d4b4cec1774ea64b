package io.github.cometlyexport.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one table of a destination holds: a dataset exported with one set of filters, its data files kept in one
 * {@link StoredFormat}. Every day stored in the table was exported with these filters and is kept in that format; a
 * run with other filters or another format must use another destination, or the table would mix data of different
 * meanings (or files of different kinds) under one name.
 *
 * @param dataset the dataset's name ({@link Dataset#wireName()}), e.g. {@code events}
 * @param filters the request's filters in the API's field names ({@link ExportRequest#filters()}); lists sorted
 * @param format  how the table's data files are kept (gzip {@code .ndjson.gz}, or {@code .ndjson})
 */
public record TableDefinition(String dataset, Map<String, Object> filters, StoredFormat format) {

    /**
     * Checks that every part is given and copies the filters.
     *
     * @param dataset the dataset's name, e.g. {@code events}; not null
     * @param filters the request's filters in the API's field names; not null, copied
     * @param format  how the table's data files are kept; not null
     * @throws NullPointerException if a component is null
     */
    public TableDefinition {
        Objects.requireNonNull(dataset, "dataset");
        filters = Map.copyOf(Objects.requireNonNull(filters, "filters"));
        Objects.requireNonNull(format, "format");
    }

    /**
     * A table whose files are kept as downloaded (gzip), the default.
     *
     * @param dataset the dataset's name
     * @param filters the request's filters
     */
    public TableDefinition(String dataset, Map<String, Object> filters) {
        this(dataset, filters, StoredFormat.GZIP);
    }

    /**
     * @param request any day's request of the table
     * @return the table of the request's dataset that those filters make, kept as gzip
     */
    public static TableDefinition of(ExportRequest request) {
        return of(request, StoredFormat.GZIP);
    }

    /**
     * @param request any day's request of the table
     * @param format  how the store keeps the table's files
     * @return the table of the request's dataset that those filters make, in that format
     */
    public static TableDefinition of(ExportRequest request, StoredFormat format) {
        return new TableDefinition(request.dataset().wireName(), request.filters(), format);
    }

    /**
     * @param stored the table's definition as the destination holds it
     * @return why this table cannot go into that destination, when the two differ: its filters first, then the
     *         format of its files
     */
    public Optional<Violation> conflictWith(TableDefinition stored) {
        if (stored.equals(this)) {
            return Optional.empty();
        }
        if (!stored.dataset.equals(dataset) || !stored.filters.equals(filters)) {
            return Optional.of(new Violation("filters", "this table holds " + stored.dataset()
                    + " exported with " + stored.describeFilters() + ", not " + describeFilters()
                    + "; use another --out"));
        }
        return Optional.of(new Violation("format", "this table keeps its " + stored.dataset() + " files as "
                + describe(stored.format) + ", not " + describe(format) + "; use --format "
                + stored.format.name().toLowerCase(Locale.ROOT) + " or another --out"));
    }

    /** @return the filters for people: {@code key=value} pairs, or "no filters" */
    public String describeFilters() {
        return filters.isEmpty() ? "no filters" : new java.util.TreeMap<>(filters).toString();
    }

    private static String describe(StoredFormat f) {
        return f.name().toLowerCase(Locale.ROOT) + " (*" + f.suffix() + ")";
    }
}
