package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDefinitionTest {
    private static final Map<String, Object> PURCHASES = Map.of("event_names", List.of("purchase"));

    @Test
    void givenTheSameFiltersInAnotherFormat_whenCompared_thenAFormatConflictThatNamesBoth() {
        TableDefinition gzip = new TableDefinition("events", PURCHASES, StoredFormat.GZIP);
        TableDefinition ndjson = new TableDefinition("events", PURCHASES, StoredFormat.NDJSON);
        assertThat(ndjson.conflictWith(gzip)).hasValueSatisfying(v -> assertThat(v.toString()).contains("format")
                .contains("gzip (*.ndjson.gz), not ndjson (*.ndjson)").contains("--format gzip"));
        assertThat(gzip.conflictWith(new TableDefinition("events", PURCHASES))).isEmpty();
    }

    @Test
    void givenOtherFiltersAndAnotherFormat_whenCompared_thenTheFiltersAreNamedFirst() {
        TableDefinition stored = new TableDefinition("events", Map.of(), StoredFormat.GZIP);
        assertThat(new TableDefinition("events", PURCHASES, StoredFormat.NDJSON).conflictWith(stored))
                .hasValueSatisfying(v -> assertThat(v.toString()).contains("filters").contains("use another --out"));
    }
}
