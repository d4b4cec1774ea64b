package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The typed readers read both stored formats and every gzip member to the last byte, and a failure of any kind
 * while the input is read ahead reaches their consumer (a hang fails the test by its timeout instead of blocking).
 */
class ReaderFormatsAndFailuresTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** {@code count} event lines, from id {@code first}, with hard-to-compress padding. */
    private static String events(int first, int count) {
        SplittableRandom random = new SplittableRandom(first);
        StringBuilder b = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            b.append("{\"id\":").append(i).append(",\"event_name\":\"purchase\",\"event_time_utc\":")
                    .append("\"2024-01-15T10:00:00Z\",\"pad\":\"").append(Long.toHexString(random.nextLong()))
                    .append(Long.toHexString(random.nextLong())).append("\"}\n");
        }
        return b.toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> ids(byte[] file) {
        try (Stream<ExportEvent> events = ExportEventReader.events(new ByteArrayInputStream(file))) {
            return events.map(ExportEvent::id).toList();
        }
    }

    @Test
    void givenPlainNdjsonFile_whenReadByEitherReader_thenTheSameLinesAsFromItsGzip() {
        String text = events(1, 3) + "\n" + "  " + events(4, 2);
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        assertThat(ids(plain)).containsExactly("1", "2", "3", "4", "5").isEqualTo(ids(gzip(text)));

        String contacts = "{\"id\":\"c_1\",\"email\":\"a@example.com\",\"created_at\":\"2024-01-15T10:00:00Z\"}\n"
                + "{\"id\":2,\"created_at\":\"2024-01-15T11:00:00Z\",\"comet_tokens\":[\"t1\"]}\n";
        try (Stream<ExportContact> read = ExportContactReader.contacts(new ByteArrayInputStream(
                contacts.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(read.toList()).extracting(ExportContact::id).containsExactly("c_1", "2");
        }
        try (Stream<ExportContact> read = ExportContactReader.contacts(new ByteArrayInputStream(gzip(contacts)))) {
            assertThat(read.toList()).extracting(ExportContact::email).containsExactly("a@example.com", null);
        }
    }

    @Test
    void givenEmptyFileOrPlainFileWithABadLine_whenRead_thenNoEventsOrTheLineIsNamed() {
        assertThat(ids(new byte[0])).isEmpty();
        byte[] bad = (events(1, 2) + "not json\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ids(bad)).isInstanceOf(IllegalStateException.class).hasMessageContaining("line 3");
    }

    @Test
    void givenGzipOfSeveralMembers_whenRead_thenEveryMembersLines() {
        byte[] file = concat(concat(gzip(events(1, 2_000)), gzip("")), gzip(events(2_001, 3_000)));
        List<String> ids = ids(file);
        assertThat(ids).hasSize(5_000);
        assertThat(ids.get(4_999)).isEqualTo("5000");
    }

    @Test
    void givenGoodMemberFollowedByDamage_whenRead_thenTheStreamFailsInsteadOfEndingShort() {
        byte[] good = gzip(events(1, 2_000));
        byte[] second = gzip(events(2_001, 2_000));
        byte[] badCrc = second.clone();
        badCrc[badCrc.length - 8] ^= 1;
        byte[][] trailers = {"garbage".getBytes(StandardCharsets.UTF_8), new byte[64],
            Arrays.copyOf(second, second.length / 2), badCrc};
        for (byte[] trailer : trailers) {
            assertThatThrownBy(() -> ids(concat(good, trailer))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("gzip member");
        }
    }

    @Test
    void givenFileThatBeginsAsGzipButIsNot_whenOpened_thenRefusedAtOnceAndClosed() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[] {0x1f, 0x00, '{', '}'}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThatThrownBy(() -> ExportEventReader.events(in)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("gzip header");
        assertThat(closed[0]).isTrue();
    }

    /** A file whose input fails with {@code failure} after {@code after} bytes, handing out small reads. */
    private static InputStream failingAfter(byte[] file, int after, Supplier<Throwable> failure) {
        return new InputStream() {
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= after) {
                    Throwable t = failure.get();
                    if (t instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) t;
                }
                int n = Math.min(Math.min(len, 4096), Math.min(after, file.length) - position);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(file, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"runtime", "stack overflow", "out of memory", "plain runtime"})
    void givenInputThatFailsMidWayOnTheReadAheadThread_whenRead_thenTheConsumerGetsTheFailure(String kind) {
        String text = events(1, 20_000);
        byte[] file = kind.startsWith("plain") ? text.getBytes(StandardCharsets.UTF_8) : gzip(text);
        assertThat(file.length).isGreaterThan(200_000);
        Supplier<Throwable> failure = switch (kind) {
            case "stack overflow" -> () -> new StackOverflowError("simulated: the input overflowed its stack");
            case "out of memory" -> () -> new OutOfMemoryError("simulated: the input ran out of memory");
            default -> () -> new IllegalStateException("simulated: the input broke");
        };
        Class<? extends Throwable> expected = failure.get().getClass();
        // Half-way: well after the first blocks, so the failure meets the consumer mid-stream, not at the start.
        assertTimeoutPreemptively(PATIENCE, () -> {
            try (Stream<ExportEvent> events = ExportEventReader.events(failingAfter(file, file.length / 2, failure))) {
                assertThatThrownBy(events::count).isInstanceOf(expected).hasMessageStartingWith("simulated");
            }
        });
        byte[] contactFile = gzip(text.replace("event_time_utc", "created_at"));
        assertTimeoutPreemptively(PATIENCE, () -> {
            try (Stream<ExportContact> contacts = ExportContactReader.contacts(failingAfter(contactFile,
                    contactFile.length / 2, failure))) {
                assertThatThrownBy(contacts::count).isInstanceOf(expected);
            }
        });
    }
}
