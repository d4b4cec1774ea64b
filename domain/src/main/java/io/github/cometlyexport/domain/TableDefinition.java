package io.github.cometlyexport.domain;

import java.util.Map;
import java.util.Objects;

/**
 * What one table of a destination holds: a dataset exported with one set of filters. Every day stored in the table
 * was exported with these filters; a run with other filters must use another destination, or the table would mix
 * data of different meanings under one name.
 *
 * @param dataset the dataset's name ({@link Dataset#wireName()}), e.g. {@code events}
 * @param filters the request's filters in the API's field names ({@link ExportRequest#filters()}); lists sorted
 */
public record TableDefinition(String dataset, Map<String, Object> filters) {

    /** @throws NullPointerException if a component is null */
    public TableDefinition {
        Objects.requireNonNull(dataset, "dataset");
        filters = Map.copyOf(Objects.requireNonNull(filters, "filters"));
    }

    /**
     * @param request any day's request of the table
     * @return the table of the request's dataset that those filters make
     */
    public static TableDefinition of(ExportRequest request) {
        return new TableDefinition(request.dataset().wireName(), request.filters());
    }

    /**
     * @param stored the table's definition as the destination holds it
     * @return why this table cannot go into that destination, when the two differ
     */
    public java.util.Optional<Violation> conflictWith(TableDefinition stored) {
        if (stored.equals(this)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Violation("filters", "this table holds " + stored.dataset()
                + " exported with " + stored.describeFilters() + ", not " + describeFilters()
                + "; use another --out"));
    }

    /** @return the filters for people: {@code key=value} pairs, or "no filters" */
    public String describeFilters() {
        return filters.isEmpty() ? "no filters" : new java.util.TreeMap<>(filters).toString();
    }
}
