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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ExportEventReaderTest {
    private static ByteArrayInputStream gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    @Test
    void givenLines_whenRead_thenKnownKeysTypedAndUnknownKeysKept() throws IOException {
        String file = "{\"id\":123,\"event_name\":\"purchase\",\"amount\":99.99,\"event_time_utc\":\"2024-01-15T10:23:45Z\","
                + "\"x_custom\":{\"tier\":\"gold\"},\"tags\":[\"a\",true,null]}\n\n"
                + "{\"id\":\"evt_9\",\"event_time_utc\":\"2024-01-15T11:00:00Z\"}";
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(file))) {
            List<ExportEvent> list = events.collect(Collectors.toList());
            assertThat(list).hasSize(2);
            ExportEvent first = list.get(0);
            assertThat(first.id()).isEqualTo("123");
            assertThat(first.eventName()).isEqualTo("purchase");
            assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("99.99"));
            assertThat(first.eventTimeUtc()).isEqualTo(Instant.parse("2024-01-15T10:23:45Z"));
            assertThat(first.attributes()).containsEntry("x_custom", Map.of("tier", "gold"))
                    .containsKeys("id", "event_name", "amount", "event_time_utc", "tags");
            assertThat(first.attributes().get("tags")).isEqualTo(java.util.Arrays.asList("a", true, null));
            assertThat(list.get(1).id()).isEqualTo("evt_9");
            assertThat(list.get(1).knownAmount()).isEmpty();
        }
    }

    @Test
    void givenBadLine_whenRead_thenItsNumberIsNamed() throws IOException {
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip("{\"id\":1,\"event_time_utc\":\"2024-01-15T10:00:00Z\"}\n"
                + "{\"id\":2}\n"))) {
            assertThatThrownBy(() -> events.count()).hasMessageContaining("line 2").hasMessageContaining("event_time_utc");
        }
    }

    @Test
    void givenLinesThatAreNotOneObjectEach_whenRead_thenTheLineIsNamed() throws IOException {
        String ok = "{\"id\":1,\"event_time_utc\":\"2024-01-15T10:00:00Z\"}";
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(ok + "\n" + ok + " " + ok + "\n"))) {
            assertThatThrownBy(events::count).hasMessageStartingWith("line 2 is not a JSON object");
        }
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(ok + "\n{\"id\":2,\n\"event_time_utc\":"
                + "\"2024-01-15T10:00:00Z\"}\n"))) {
            assertThatThrownBy(events::count).hasMessageStartingWith("line 2 is not one JSON object");
        }
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(ok + "\n\n[1]\n"))) {
            assertThatThrownBy(events::count).hasMessageStartingWith("line 3");
        }
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(ok + "\n{\"id\":2,\"x\":tru}\n"))) {
            assertThatThrownBy(events::count).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("line 2 is not valid JSON");
        }
    }

    @Test
    void givenNumbersAndOffsets_whenRead_thenValuesKeepTheirPrecisionAndInstantsTheirZone() throws IOException {
        String file = "{\"id\":123456789012345678901234567890,\"event_time_utc\":\"2024-01-15T12:00:00+02:00\","
                + "\"amount\":0.10,\"big\":1e400,\"neg\":-7}\n";
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(file))) {
            ExportEvent e = events.findFirst().orElseThrow();
            assertThat(e.id()).isEqualTo("123456789012345678901234567890");
            assertThat(e.eventTimeUtc()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
            assertThat(e.amount()).isEqualTo(new BigDecimal("0.10"));
            assertThat(e.attributes().get("big")).isEqualTo(new BigDecimal("1e400"));
            assertThat(e.attributes().get("neg")).isEqualTo(BigDecimal.valueOf(-7));
        }
    }

    @Test
    void givenStreamClosedAfterOneEvent_whenClosed_thenItsReadAheadThreadEnds() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            file.append("{\"id\":").append(i).append(",\"event_time_utc\":\"2024-01-15T10:00:00Z\",\"pad\":\"")
                    .append("x".repeat(200)).append("\"}\n");
        }
        try (Stream<ExportEvent> events = ExportEventReader.events(gzip(file.toString()))) {
            assertThat(events.findFirst()).isPresent();
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (readAheadThreads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(readAheadThreads()).isZero();
    }

    private static long readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cometly-read-ahead") && t.isAlive()).count();
    }
}
