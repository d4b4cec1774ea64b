package io.github.cometlyexport.adapter.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetConversionAdapterTest {
    @TempDir
    Path dir;

    private long convert(Dataset dataset, String text, Path file, int chunk) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file);
             ConvertExportFilePort.LineConverter c = new ParquetConversionAdapter().start(dataset, out)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                c.accept(bytes, i, Math.min(chunk, bytes.length - i));
            }
            return c.finish();
        }
    }

    static List<List<String>> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void driftingTypesAndUnknownKeysConvertWithoutLoss() throws Exception {
        String lines = """
                {"id":123,"event_name":"purchase","amount":99.99,"event_time_utc":"2024-01-15T10:23:45Z","utm":{"a":[1,2]}}
                {"id":"evt_9","event_name":"lead","amount":"12.50","event_time_utc":"2024-01-15T10:23:46.123456Z"}

                {"id":1.5,"amount":12345678901234567890,"event_time_utc":"yesterday","note":"tab\\t \\"q\\" ü 😀","x":null}
                {"id":7,"event_name":null,"amount":3,"event_time_utc":"2024-01-15T10:23:47.1234567Z","id":8,"ok":true}
                {"id":42}""";
        Path file = dir.resolve("d.parquet");
        // A chunk of 7 bytes splits lines, keys, strings and code points.
        assertThat(convert(Dataset.EVENTS, lines, file, 7)).isEqualTo(5);

        List<List<String>> rows = query("SELECT id, event_name, amount, epoch_us(event_time_utc), extra FROM read_parquet('"
                + file + "', file_row_number = true) ORDER BY file_row_number");
        assertThat(rows).containsExactly(
                List.of("123", "purchase", "99.99", "1705314225000000", "{\"utm\":{\"a\":[1,2]}}"),
                nulls("evt_9", "lead", null, "1705314226123456", "{\"amount\":\"12.50\"}"),
                nulls(null, null, null, null, "{\"id\":1.5,\"amount\":12345678901234567890,"
                        + "\"event_time_utc\":\"yesterday\",\"note\":\"tab\\t \\\"q\\\" ü 😀\",\"x\":null}"),
                nulls("7", null, "3.0", null, "{\"event_name\":null,"
                        + "\"event_time_utc\":\"2024-01-15T10:23:47.1234567Z\",\"id\":8,\"ok\":true}"),
                nulls("42", null, null, null, null));
        // The JSON column is valid JSON that gives the values back as they were.
        assertThat(query("SELECT json_extract_string(extra, '$.note'), json_extract(extra, '$.amount') FROM '"
                + file + "' WHERE id IS NULL")).containsExactly(List.of("tab\t \"q\" ü 😀",
                "12345678901234567890"));
        assertThat(query("DESCRIBE SELECT * FROM '" + file + "'")).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("id VARCHAR", "event_name VARCHAR", "event_time_utc TIMESTAMP WITH TIME ZONE",
                        "amount DOUBLE", "extra VARCHAR");
    }

    private static List<String> nulls(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v);
        }
        return out;
    }

    @Test
    void anEmptyDayIsAFileWithTheSchemaAndNoRows() throws Exception {
        Path file = dir.resolve("empty.parquet");
        assertThat(convert(Dataset.CONTACTS, "", file, 10)).isZero();
        assertThat(query("SELECT count(*) FROM '" + file + "'")).containsExactly(List.of("0"));
        assertThat(query("DESCRIBE SELECT * FROM '" + file + "'")).extracting(r -> r.get(0))
                .containsExactly("id", "email", "name", "phone", "location", "created_at", "extra");
    }

    @Test
    void companiesHaveTheirDocumentedKeysTypedAndEveryOtherKeyInExtra() throws Exception {
        String lines = """
                {"id":123,"domain":"example.com","created_at":"2024-01-15T10:23:45Z","name":"Example","employee_count":40}
                {"id":"cmp_9","domain":null,"created_at":"2024-01-15T11:00:00Z"}
                """;
        Path file = dir.resolve("companies.parquet");
        assertThat(convert(Dataset.COMPANIES, lines, file, 5)).isEqualTo(2);

        assertThat(query("DESCRIBE SELECT * FROM '" + file + "'")).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("id VARCHAR", "domain VARCHAR", "created_at TIMESTAMP WITH TIME ZONE",
                        "extra VARCHAR");
        assertThat(query("SELECT id, domain, epoch_us(created_at), extra FROM read_parquet('" + file
                + "', file_row_number = true) ORDER BY file_row_number")).containsExactly(
                List.of("123", "example.com", "1705314225000000", "{\"name\":\"Example\",\"employee_count\":40}"),
                nulls("cmp_9", null, "1705316400000000", "{\"domain\":null}"));
    }

    @Test
    void aLineThatIsNotAnObjectFailsNamingIt() {
        assertThatThrownBy(() -> convert(Dataset.EVENTS, "{\"id\":1}\n[2]\n", dir.resolve("x.parquet"), 100))
                .isInstanceOf(ExportIntegrityException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> convert(Dataset.EVENTS, "{\"id\":1}\n{\"id\":}\n", dir.resolve("y.parquet"), 3))
                .isInstanceOf(ExportIntegrityException.class).hasMessageContaining("line 2");
    }

    @Test
    void aDoubleTakesOnlyTheNumberItHoldsExactly() {
        assertThat(RowParser.exact("99.99", 99.99)).isTrue();
        assertThat(RowParser.exact("3", 3.0)).isTrue();
        assertThat(RowParser.exact("1e2", 100.0)).isTrue();
        assertThat(RowParser.exact("0.1000000000000000000001", 0.1)).isFalse();
        assertThat(RowParser.exact("9007199254740993", 9007199254740992.0)).isFalse();
    }

    @Test
    void aTimeIsTakenOnlyWhenMicrosecondsHoldItExactly() {
        for (String t : new String[] {"1970-01-01T00:00:01Z", "2024-02-29T23:59:59.5Z", "2024-01-15T10:23:45.123456Z",
            "1969-12-31T23:59:59.999999Z", "2024-01-15T10:23:45.120Z", "2024-01-15T10:23:45+02:00",
            "2024-01-15T10:23:45.123456000Z"}) {
            java.time.Instant i = java.time.Instant.parse(t);
            assertThat(Timestamps.micros(t)).as(t).isEqualTo(i.getEpochSecond() * 1_000_000L + i.getNano() / 1000);
        }
        for (String t : new String[] {"1970-01-01T00:00:00.0000001Z", "2023-02-29T00:00:00Z", "2024-01-15 10:23:45Z",
            "2024-01-15T10:60:00Z", "yesterday", "2024-01-15T10:23:4xZ",
            "2024-01-15T10:23:45.123456700Z"}) {
            assertThat(Timestamps.micros(t)).as(t).isNull();
        }
    }
}
