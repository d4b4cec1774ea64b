/**
 * Parquet tables: {@link io.github.cometlyexport.adapter.parquet.ParquetConversionAdapter} converts an export's
 * verified lines into a Parquet file with one schema per dataset (parquet-java, ZSTD, no Hadoop at run time).
 */
package io.github.cometlyexport.adapter.parquet;
