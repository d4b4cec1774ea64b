package io.github.cometlyexport.adapter.parquet;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Converts verified export lines into one Parquet file per day: the dataset's documented keys as typed columns, and
 * {@code extra}, a JSON object of every other key, so that every day of a table has the same schema and no key of a
 * line is lost. Events: {@code id} (string), {@code event_name} (string), {@code event_time_utc} (timestamp, UTC,
 * microseconds), {@code amount} (double), {@code extra}. Contacts: {@code id}, {@code email}, {@code name},
 * {@code phone}, {@code location} (strings), {@code created_at} (timestamp), {@code extra}. A value whose type does
 * not fit its column (an id that is neither a string nor an integer, a time that is not an ISO instant to the
 * microsecond, an amount that is a string or that a double does not hold exactly, a {@code null}) goes to
 * {@code extra} under its key, never dropped.
 *
 * <p>Pages are ZSTD-compressed; a row group holds at most {@link #ROW_GROUP_ROWS} rows and about
 * {@link #ROW_GROUP_BYTES} bytes, so that a day converts in a small, flat heap and a query engine gets row groups to
 * skip and to read in parallel. No Hadoop class is loaded. Thread-safe: each file gets its own converter.
 */
public final class ParquetConversionAdapter implements ConvertExportFilePort {
    /** Bytes a row group buffers before it is written: 16 MiB. */
    public static final long ROW_GROUP_BYTES = 16L << 20;
    /** Rows a row group holds at most: 122,880, DuckDB's own row group size. */
    public static final int ROW_GROUP_ROWS = 122_880;

    private final long rowGroupBytes;

    /** A converter with row groups of {@link #ROW_GROUP_BYTES}. */
    public ParquetConversionAdapter() {
        this(ROW_GROUP_BYTES);
    }

    /**
     * @param rowGroupBytes bytes a row group buffers before it is written; at least 1 MiB
     * @throws IllegalArgumentException if {@code rowGroupBytes} is under 1 MiB
     * @throws NoClassDefFoundError     if parquet-java is not on the class path
     */
    public ParquetConversionAdapter(long rowGroupBytes) {
        if (rowGroupBytes < (1L << 20)) {
            throw new IllegalArgumentException("a row group must hold at least 1 MiB, was " + rowGroupBytes);
        }
        this.rowGroupBytes = rowGroupBytes;
        // Loads parquet-java's schema classes now: a class path without them fails here, not in a download.
        TableSchema.of(Dataset.EVENTS);
    }

    @Override
    public StoredFormat format() {
        return StoredFormat.PARQUET;
    }

    @Override
    public LineConverter start(Dataset dataset, OutputStream out) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        return new ParquetLineConverter(TableSchema.of(dataset), out, rowGroupBytes);
    }
}
