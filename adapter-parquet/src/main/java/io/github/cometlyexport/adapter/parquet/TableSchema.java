package io.github.cometlyexport.adapter.parquet;

import io.github.cometlyexport.domain.Dataset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * One Parquet schema per dataset, the same for every day of its table: the documented keys as typed, optional
 * columns, then {@value #EXTRA}, a JSON object of every other key of the line (and of any value that does not fit
 * its column). Ids are strings (Cometly sends numbers or strings), times are UTC timestamps in microseconds,
 * {@code amount} is a double (exactly the number written, or the value goes to {@value #EXTRA}). Immutable.
 */
final class TableSchema {
    /** The column holding every other key of a line, as one JSON object; null when there is none. */
    static final String EXTRA = "extra";

    /** How a typed column takes a JSON value. */
    enum Kind {
        /** A string, or an integer written as its digits. */
        ID,
        /** A string. */
        TEXT,
        /** An ISO-8601 instant string, to microseconds. */
        TIMESTAMP,
        /** A number that a double holds exactly. */
        DOUBLE
    }

    /** A typed column: the line's key, and how its value is taken. */
    record Column(String key, Kind kind) {
    }

    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final MessageType type;

    private TableSchema(String name, List<Column> columns) {
        this.columns = List.copyOf(columns);
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            index.put(c.key(), i);
            switch (c.kind()) {
                case ID, TEXT -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(c.key());
                case TIMESTAMP -> b.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                        LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.key());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.key());
                default -> throw new IllegalStateException(c.kind().toString());
            }
        }
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(EXTRA);
        this.type = b.named(name);
    }

    /**
     * @param dataset a table's dataset
     * @return its schema: events, contacts and companies have their documented keys typed; a dataset without
     *         documented keys beyond {@code id} has {@code id} and {@value #EXTRA}
     */
    static TableSchema of(Dataset dataset) {
        String name = dataset.wireName();
        return switch (name) {
            case "events" -> new TableSchema(name, List.of(new Column("id", Kind.ID),
                    new Column("event_name", Kind.TEXT), new Column("event_time_utc", Kind.TIMESTAMP),
                    new Column("amount", Kind.DOUBLE)));
            case "contacts" -> new TableSchema(name, List.of(new Column("id", Kind.ID),
                    new Column("email", Kind.TEXT), new Column("name", Kind.TEXT), new Column("phone", Kind.TEXT),
                    new Column("location", Kind.TEXT), new Column("created_at", Kind.TIMESTAMP)));
            case "companies" -> new TableSchema(name, List.of(new Column("id", Kind.ID),
                    new Column("domain", Kind.TEXT), new Column("created_at", Kind.TIMESTAMP)));
            default -> new TableSchema(name, List.of(new Column("id", Kind.ID)));
        };
    }

    /** @return the typed columns, in order ({@value #EXTRA} follows them) */
    List<Column> columns() {
        return columns;
    }

    /**
     * @param key a line's key
     * @return its typed column's position, or -1 when the key has none
     */
    int indexOf(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    /** @return the Parquet schema */
    MessageType type() {
        return type;
    }
}
