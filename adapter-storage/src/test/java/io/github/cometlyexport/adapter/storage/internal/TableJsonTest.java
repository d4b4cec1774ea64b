package io.github.cometlyexport.adapter.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableJsonTest {
    @Test
    void givenNdjsonTable_whenEncoded_thenTheDataFilesModeIsRecordedAndReadBack() {
        TableDefinition table = new TableDefinition("events", Map.of("event_names", List.of("purchase")),
                StoredFormat.NDJSON);
        byte[] json = TableJson.encode(table);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"data_format\":\"ndjson\"")
                .contains("\"data_extension\":\".ndjson\"").hasLineCount(1);
        assertThat(TableJson.decode(json)).contains(table);
    }

    @Test
    void givenADefinitionWrittenBeforeTheModeWasRecorded_whenDecoded_thenItIsAGzipTable() {
        byte[] old = "{\"format\":1,\"dataset\":\"events\",\"filters\":{}}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(TableJson.decode(old)).contains(new TableDefinition("events", Map.of(), StoredFormat.GZIP));
    }

    @Test
    void givenAnUnknownMode_whenDecoded_thenItIsNotADefinition() {
        byte[] future = "{\"format\":1,\"dataset\":\"events\",\"filters\":{},\"data_format\":\"zstd\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(TableJson.decode(future)).isEmpty();
    }
}
