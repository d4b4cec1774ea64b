package io.github.cometlyexport.adapter.parquet;

import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.ExportStorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Converts one file: gathers the chunks into whole lines, parses each block of lines into rows and writes them with
 * parquet-java's writer (row groups of at most {@link ParquetConversionAdapter#ROW_GROUP_ROWS} rows, ZSTD). Used by one thread.
 */
final class ParquetLineConverter implements ConvertExportFilePort.LineConverter {
    private final RowParser parser;
    private final ZstdCodecFactory codecs;
    private final ParquetWriter<Row> writer;
    private byte[] pending = new byte[1 << 18];
    private int length;
    private boolean done;

    ParquetLineConverter(TableSchema schema, OutputStream out, long rowGroupBytes) {
        this.parser = new RowParser(schema);
        this.codecs = new ZstdCodecFactory(3);
        try {
            this.writer = new Builder(new StreamOutputFile(out), new RowWriteSupport(schema))
                    .withConf(new PlainParquetConfiguration()).withCodecFactory(codecs)
                    .withCompressionCodec(CompressionCodecName.ZSTD).withRowGroupSize(rowGroupBytes)
                    .withRowGroupRowCountLimit(ParquetConversionAdapter.ROW_GROUP_ROWS)
                    // Ids, amounts and the extra JSON are nearly all distinct: a dictionary would be tried and dropped.
                    .withDictionaryEncoding("id", false).withDictionaryEncoding("amount", false)
                    .withDictionaryEncoding(TableSchema.EXTRA, false)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        } catch (IOException e) {
            codecs.release();
            throw storage(e);
        }
    }

    @Override
    public void accept(byte[] chunk, int offset, int count) {
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(chunk, offset, pending, length, count);
        int from = length;
        length += count;
        int last = length - 1;
        while (last >= from && pending[last] != '\n') {
            last--;
        }
        if (last >= from) {
            int whole = last + 1;
            parser.parse(pending, whole, this::write);
            System.arraycopy(pending, whole, pending, 0, length - whole);
            length -= whole;
        }
    }

    private void write(Row row) {
        try {
            writer.write(row);
        } catch (IOException e) {
            throw storage(e);
        }
    }

    @Override
    public long finish() {
        if (length > 0) {
            parser.parse(pending, length, this::write);
            length = 0;
        }
        try {
            done = true;
            writer.close();
        } catch (IOException e) {
            throw storage(e);
        } finally {
            codecs.release();
        }
        return parser.rows();
    }

    @Override
    public void close() {
        if (!done) {
            // Abandoned: no footer is written; the caller discards or keeps what the store holds as unpublished.
            done = true;
            codecs.release();
        }
        pending = new byte[0];
    }

    private static ExportStorageException storage(IOException e) {
        return new ExportStorageException("could not write the Parquet file: " + e.getMessage(), e, false);
    }

    /** parquet-java's builder for {@link Row}s over any {@link OutputFile}. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
