package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Typed companies from a company export, in either stored format, with every key of the line kept. */
class ExportCompanyReaderTest {
    private static final String FILE = "{\"id\":123,\"domain\":\"example.com\",\"created_at\":\"2024-01-15T10:23:45Z\","
            + "\"industry\":\"software\",\"employee_count\":250,\"owner\":{\"name\":\"Zoë\"}}\n\n"
            + "{\"id\":\"cmp_9\",\"created_at\":\"2024-01-15T11:00:00+01:00\",\"tags\":[\"b2b\",null]}\n";

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<ExportCompany> read(byte[] file) {
        try (Stream<ExportCompany> companies = ExportCompanyReader.companies(new ByteArrayInputStream(file))) {
            return companies.toList();
        }
    }

    @Test
    void givenCompanyLines_whenRead_thenIdsOfBothKindsTypedKeysAndUnknownKeysKept() throws IOException {
        List<ExportCompany> list = read(gzip(FILE));
        assertThat(list).hasSize(2);
        ExportCompany first = list.get(0);
        assertThat(first.id()).as("a numeric id, as text").isEqualTo("123");
        assertThat(first.domain()).isEqualTo("example.com");
        assertThat(first.knownDomain()).contains("example.com");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:23:45Z"));
        assertThat(first.attributes()).containsEntry("industry", "software")
                .containsEntry("owner", Map.of("name", "Zoë")).containsKeys("id", "domain", "created_at");
        assertThat(first.attributes().get("employee_count")).isEqualTo(new BigDecimal("250"));
        ExportCompany second = list.get(1);
        assertThat(second.id()).as("a string id").isEqualTo("cmp_9");
        assertThat(second.knownDomain()).isEmpty();
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
        assertThat(second.attributes().get("tags")).isEqualTo(java.util.Arrays.asList("b2b", null));
        assertThat(read(FILE.getBytes(StandardCharsets.UTF_8))).as("plain NDJSON reads the same").isEqualTo(list);
    }

    @Test
    void givenLinesWithoutIdOrCreatedAt_whenRead_thenTheLineAndTheKeyAreNamed() throws IOException {
        byte[] noCreated = gzip("{\"id\":1,\"created_at\":\"2024-01-15T10:00:00Z\"}\n{\"id\":2,\"domain\":\"a.io\"}\n");
        assertThatThrownBy(() -> read(noCreated)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2").hasMessageContaining("created_at");
        byte[] noId = gzip("{\"domain\":\"a.io\",\"created_at\":\"2024-01-15T10:00:00Z\"}\n");
        assertThatThrownBy(() -> read(noId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1 has no id");
        byte[] badTime = gzip("{\"id\":1,\"created_at\":\"yesterday\"}\n");
        assertThatThrownBy(() -> read(badTime)).hasMessageContaining("not an ISO 8601 instant");
    }
}
