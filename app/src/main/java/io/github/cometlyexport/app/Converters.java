package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.parquet.ParquetConversionAdapter;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;

/** The converter a store's format needs: none for gzip and NDJSON, the optional Parquet adapter for Parquet. */
final class Converters {
    static final String PARQUET_MISSING = "a parquet table needs io.github.cometlyexport:cometly-export-adapter-parquet"
            + " (and its dependencies, parquet-hadoop and zstd-jni) on the class path";

    private Converters() {
    }

    /**
     * @param format a store's format
     * @return its converter, or {@code null} when the store keeps the verified lines themselves
     * @throws IllegalStateException if the format is Parquet and the Parquet adapter is not on the class path
     */
    static ConvertExportFilePort forFormat(StoredFormat format) {
        if (format != StoredFormat.PARQUET) {
            return null;
        }
        try {
            return new ParquetConversionAdapter();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(PARQUET_MISSING, e);
        }
    }
}
