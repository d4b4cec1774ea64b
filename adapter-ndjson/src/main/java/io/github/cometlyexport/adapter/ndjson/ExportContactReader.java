package io.github.cometlyexport.adapter.ndjson;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Reads typed contacts lazily from a contact export file, one line at a time, in constant memory, like
 * {@link ExportEventReader} does events, from either stored format (gzip NDJSON or plain NDJSON, told apart by the
 * first byte as {@link ExportEventReader} says):
 *
 * <pre>{@code
 * try (Stream<ExportContact> contacts = ExportContactReader.contacts(Files.newInputStream(path))) {
 *     contacts.forEach(c -> crm.upsert(c.id(), c.email(), c.createdAt()));
 * }
 * }</pre>
 *
 * A malformed line, or one without {@code id} or {@code created_at}, fails the stream with an
 * {@link IllegalStateException} naming its number; damaged gzip with an {@link java.io.UncheckedIOException}.
 */
public final class ExportContactReader {
    private ExportContactReader() {
    }

    /**
     * @param file the file's bytes as stored: gzip NDJSON or plain NDJSON; closed with the stream
     * @return a lazy, sequential stream of contacts
     * @throws java.io.UncheckedIOException if the file cannot be read, or begins as gzip but its header is not valid
     */
    public static Stream<ExportContact> contacts(InputStream file) {
        return JsonLineReader.lines(file, ExportContactReader::contact);
    }

    static ExportContact contact(Map<String, Object> line, long number) {
        String id = LineValues.id(line, number);
        Instant at = LineValues.instant(line, "created_at", number);
        return new ExportContact(id, LineValues.text(line, "email"), LineValues.text(line, "name"), at,
                LineValues.strings(line, "comet_tokens"), LineValues.strings(line, "emails"), line);
    }
}
