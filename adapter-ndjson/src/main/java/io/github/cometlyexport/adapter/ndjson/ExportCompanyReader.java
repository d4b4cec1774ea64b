package io.github.cometlyexport.adapter.ndjson;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads typed companies lazily from a company export file, one line at a time, in constant memory, like
 * {@link ExportContactReader} does contacts, from either stored format (gzip NDJSON or plain NDJSON, told apart by the
 * first byte as {@link ExportEventReader} says):
 *
 * <pre>{@code
 * try (Stream<ExportCompany> companies = ExportCompanyReader.companies(Files.newInputStream(path))) {
 *     companies.forEach(c -> crm.upsertAccount(c.id(), c.domain(), c.createdAt()));
 * }
 * }</pre>
 *
 * A malformed line, or one without {@code id} or {@code created_at}, fails the stream with an
 * {@link IllegalStateException} naming its number; damaged gzip with an {@link java.io.UncheckedIOException}.
 */
public final class ExportCompanyReader {
    private ExportCompanyReader() {
    }

    /**
     * @param file the file's bytes as stored: gzip NDJSON or plain NDJSON; closed with the stream
     * @return a lazy, sequential stream of companies
     * @throws java.io.UncheckedIOException if the file cannot be read, or begins as gzip but its header is not valid
     */
    public static Stream<ExportCompany> companies(InputStream file) {
        return JsonLineReader.lines(file, ExportCompanyReader::company);
    }

    static ExportCompany company(Map<String, Object> line, long number) {
        String id = LineValues.id(line, number);
        Instant at = LineValues.instant(line, "created_at", number);
        return new ExportCompany(id, LineValues.text(line, "domain"), at, line);
    }
}
