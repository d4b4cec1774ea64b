package io.github.cometlyexport.spring;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.ExportTable;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The tables of {@code cometly.export.tables}, each with its use cases ({@link ExportTable}) and what it exports
 * (its dataset and filters), all on the one client of the Space. Thread-safe.
 */
public final class CometlyExportTables {
    /**
     * One configured table.
     *
     * @param name       its name under {@code cometly.export.tables}
     * @param table      its use cases and store
     * @param definition its dataset and filters (the date is ignored: each run sets its days)
     */
    public record Table(String name, ExportTable table, ExportRequest definition) {
        /**
         * Checks that every part is given.
         *
         * @param name       its name; not null
         * @param table      its use cases; not null
         * @param definition its dataset and filters; not null
         */
        public Table {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(definition, "definition");
        }
    }

    private final Map<String, Table> tables;

    /**
     * @param client      the Space's client
     * @param definitions each table's dataset and filters, by name
     * @param props       the properties (destinations, format)
     * @param hostStore   the application's own store, for a table without a destination, or {@code null}
     */
    CometlyExportTables(CometlyExport client, Map<String, ExportRequest> definitions, CometlyExportProperties props,
                        StoreExportFilePort hostStore) {
        Map<String, Table> made = new LinkedHashMap<>();
        StoredFormat format = props.format();
        definitions.forEach((name, definition) -> {
            String destination = props.tables().get(name).destination();
            ExportTable table = destination == null || destination.isBlank() ? client.table(hostStore)
                    : client.table(destination, format);
            made.put(name, new Table(name, table, definition));
        });
        this.tables = java.util.Collections.unmodifiableMap(made);
    }

    /** @return every table by name, in the properties' order */
    public Map<String, Table> all() {
        return tables;
    }

    /**
     * @param name a table's name under {@code cometly.export.tables}
     * @return the table
     * @throws NoSuchElementException if there is no such table
     */
    public Table get(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new NoSuchElementException("no table " + name + " under cometly.export.tables; known: "
                    + tables.keySet());
        }
        return t;
    }
}
