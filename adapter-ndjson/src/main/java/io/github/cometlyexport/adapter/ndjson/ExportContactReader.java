package io.github.cometlyexport.adapter.ndjson;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Reads typed contacts lazily from a contact export file (gzip NDJSON), one line at a time, in constant memory,
 * like {@link ExportEventReader} does events:
 *
 * <pre>{@code
 * try (Stream<ExportContact> contacts = ExportContactReader.contacts(Files.newInputStream(path))) {
 *     contacts.forEach(c -> crm.upsert(c.id(), c.email(), c.createdAt()));
 * }
 * }</pre>
 *
 * A malformed line, or one without {@code id} or {@code created_at}, fails the stream with an
 * {@link IllegalStateException} naming its number.
 */
public final class ExportContactReader {
    private ExportContactReader() {
    }

    /**
     * @param gzipNdjson the file's bytes (compressed); closed with the stream
     * @return a lazy, sequential stream of contacts
     * @throws java.io.UncheckedIOException if the gzip header cannot be read
     */
    public static Stream<ExportContact> contacts(InputStream gzipNdjson) {
        return JsonLineReader.lines(gzipNdjson, ExportContactReader::contact);
    }

    static ExportContact contact(Map<String, Object> line, long number) {
        String id = LineValues.id(line, number);
        Instant at = LineValues.instant(line, "created_at", number);
        return new ExportContact(id, LineValues.text(line, "email"), LineValues.text(line, "name"), at,
                LineValues.strings(line, "comet_tokens"), LineValues.strings(line, "emails"), line);
    }
}
