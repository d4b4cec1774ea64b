package io.github.cometlyexport.adapter.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes {@link Row}s of one {@link TableSchema} to Parquet's record consumer. Used by one writer. */
final class RowWriteSupport extends WriteSupport<Row> {
    private final TableSchema schema;
    private final List<TableSchema.Column> columns;
    private final int extraIndex;
    private RecordConsumer consumer;

    RowWriteSupport(TableSchema schema) {
        this.schema = schema;
        this.columns = schema.columns();
        this.extraIndex = columns.size();
    }

    @Override
    public WriteContext init(Configuration configuration) {
        // Never called: the writer is built with a ParquetConfiguration (no Hadoop at run time).
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(schema.type(), Map.of("cometly.schema", schema.type().getName() + "/1"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            if (!row.present[i]) {
                continue;
            }
            TableSchema.Column c = columns.get(i);
            consumer.startField(c.key(), i);
            switch (c.kind()) {
                case ID, TEXT -> consumer.addBinary(Binary.fromConstantByteArray(row.texts[i].getBytes(StandardCharsets.UTF_8)));
                case TIMESTAMP -> consumer.addLong(row.longs[i]);
                case DOUBLE -> consumer.addDouble(row.doubles[i]);
                default -> throw new IllegalStateException(c.kind().toString());
            }
            consumer.endField(c.key(), i);
        }
        if (row.extraLength() > 0) {
            consumer.startField(TableSchema.EXTRA, extraIndex);
            consumer.addBinary(Binary.fromConstantByteArray(Arrays.copyOf(row.extraBytes(), row.extraLength())));
            consumer.endField(TableSchema.EXTRA, extraIndex);
        }
        consumer.endMessage();
    }
}
