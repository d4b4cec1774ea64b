package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.parquet.ParquetConversionAdapter;
import io.github.cometlyexport.domain.StoredFormat;
import org.junit.jupiter.api.Test;

/** Only a Parquet table gets a converter; gzip and NDJSON tables keep the verified lines themselves. */
class ConvertersTest {
    @Test
    void givenEachFormat_thenOnlyParquetHasAConverterAndItWritesParquet() {
        assertThat(Converters.forFormat(StoredFormat.GZIP)).isNull();
        assertThat(Converters.forFormat(StoredFormat.NDJSON)).isNull();
        assertThat(Converters.forFormat(StoredFormat.PARQUET)).isInstanceOf(ParquetConversionAdapter.class)
                .satisfies(c -> assertThat(c.format()).isEqualTo(StoredFormat.PARQUET));
        assertThat(Converters.PARQUET_MISSING).contains("io.github.cometlyexport:cometly-export-adapter-parquet");
    }
}
