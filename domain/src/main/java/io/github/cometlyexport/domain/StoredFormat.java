package io.github.cometlyexport.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How a store keeps an export file: as downloaded (gzip NDJSON), decompressed, or converted to Parquet. The checks of
 * the download are the same.
 */
public enum StoredFormat {
    /** The file as Cometly serves it: gzip-compressed NDJSON, {@code .ndjson.gz}. The default. */
    GZIP(".ndjson.gz"),
    /** Decompressed NDJSON, {@code .ndjson}: for engines or tools that read plain lines. */
    NDJSON(".ndjson"),
    /**
     * A Parquet file, {@code .parquet}: the verified lines converted to typed columns plus one JSON column for every
     * other key (needs {@code cometly-export-adapter-parquet}).
     */
    PARQUET(".parquet");

    private final String suffix;

    StoredFormat(String suffix) {
        this.suffix = suffix;
    }

    /** @return the file name's ending */
    public String suffix() {
        return suffix;
    }

    /**
     * @param name {@code gzip}, {@code ndjson} or {@code parquet}, any case
     * @return the format, if the name is one
     */
    public static Optional<StoredFormat> fromName(String name) {
        for (StoredFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
