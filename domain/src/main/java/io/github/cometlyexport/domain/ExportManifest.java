package io.github.cometlyexport.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The verified facts about one stored export file: which job and request produced it, how many bytes and events it
 * holds, its SHA-256, and when it was created, completed and stored. A store writes the manifest last, as the
 * commit mark: a file without a valid manifest is not stored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param exportId    the job that produced the file
 * @param date        the exported day, or {@code null} when unknown (a bare download by id)
 * @param request     the request the job was created with, or {@code null} when unknown
 * @param bytes       size of the stored (compressed) file in bytes, not negative
 * @param sha256      lower-case hex SHA-256 of the stored bytes, 64 characters
 * @param events      number of NDJSON lines (events), not negative
 * @param createdAt   when Cometly created the job
 * @param completedAt when Cometly completed the job
 * @param storedAt    when the file was published
 * @param sourceEtag  the download's {@code ETag}, or {@code null} when the server sent none
 * @param attempts    jobs created or polled to get this result, at least 1
 * @param provisional whether the day was not yet closed when exported ({@code --partial}): such a file is
 *                    replaced once the day closes
 * @param source      the downloaded file's size and SHA-256 when the stored bytes are not the downloaded ones
 *                    (decompressed or converted), else {@code null}
 */
public record ExportManifest(ExportJobId exportId, LocalDate date, ExportRequest request, long bytes, String sha256,
                             long events, Instant createdAt, Instant completedAt, Instant storedAt,
                             String sourceEtag, int attempts, boolean provisional, SourceFile source) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the facts, lower-cases the digest and, when only the request names the day, takes the day from it.
     *
     * @param exportId    the job that produced the file; not null
     * @param date        the exported day, or {@code null} when unknown; the request's day when a request is given
     * @param request     the request the job was created with, or {@code null} when unknown
     * @param bytes       size of the stored (compressed) file in bytes; not negative
     * @param sha256      hex SHA-256 of the stored bytes, 64 digits in either case; not null
     * @param events      number of NDJSON lines (events); not negative
     * @param createdAt   when Cometly created the job; not null
     * @param completedAt when Cometly completed the job; not null
     * @param storedAt    when the file was published; not null
     * @param sourceEtag  the download's {@code ETag}, or {@code null} when the server sent none
     * @param attempts    jobs created or polled to get this result; at least 1
     * @param provisional whether the day was not yet closed when exported
     * @param source      the downloaded file's facts when the stored bytes are not the downloaded ones, else
     *                    {@code null}
     * @throws NullPointerException     if the job, the digest or an instant is null
     * @throws IllegalArgumentException if a count is negative, the digest is not 64 hex digits, or {@code date}
     *                                  differs from the request's day
     */
    public ExportManifest {
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = hex256(sha256);
        if (bytes < 0 || events < 0) {
            throw new IllegalArgumentException("bytes and events must not be negative");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (request != null && date != null && !request.date().equals(date)) {
            throw new IllegalArgumentException("date " + date + " differs from the request's " + request.date());
        }
        if (request != null && date == null) {
            date = request.date();
        }
    }

    /**
     * The manifest of a file stored as downloaded: no separate source facts.
     *
     * @param exportId    the job that produced the file; not null
     * @param date        the exported day, or {@code null} when unknown; the request's day when a request is given
     * @param request     the request the job was created with, or {@code null} when unknown
     * @param bytes       size of the stored file in bytes; not negative
     * @param sha256      hex SHA-256 of the stored bytes, 64 digits in either case; not null
     * @param events      number of NDJSON lines (events); not negative
     * @param createdAt   when Cometly created the job; not null
     * @param completedAt when Cometly completed the job; not null
     * @param storedAt    when the file was published; not null
     * @param sourceEtag  the download's {@code ETag}, or {@code null} when the server sent none
     * @param attempts    jobs created or polled to get this result; at least 1
     * @param provisional whether the day was not yet closed when exported
     */
    public ExportManifest(ExportJobId exportId, LocalDate date, ExportRequest request, long bytes, String sha256,
                          long events, Instant createdAt, Instant completedAt, Instant storedAt, String sourceEtag,
                          int attempts, boolean provisional) {
        this(exportId, date, request, bytes, sha256, events, createdAt, completedAt, storedAt, sourceEtag, attempts,
                provisional, null);
    }

    private static String hex256(String sha256) {
        String lower = sha256.toLowerCase(Locale.ROOT);
        if (!HEX_256.matcher(lower).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, was '" + lower + "'");
        }
        return lower;
    }

    /**
     * The downloaded file, when what is stored was made from it (decompressed or converted): its verified size and
     * digest, so that the stored file can be traced to the bytes Cometly served.
     *
     * @param bytes  the downloaded (gzip) file's size; not negative
     * @param sha256 its lower-case hex SHA-256, 64 digits
     */
    public record SourceFile(long bytes, String sha256) {
        /**
         * Checks the facts and lower-cases the digest.
         *
         * @param bytes  the downloaded file's size; not negative
         * @param sha256 its hex SHA-256, 64 digits in either case; not null
         * @throws IllegalArgumentException if the size is negative or the digest is not 64 hex digits
         */
        public SourceFile {
            Objects.requireNonNull(sha256, "sha256");
            sha256 = hex256(sha256);
            if (bytes < 0) {
                throw new IllegalArgumentException("source bytes must not be negative");
            }
        }
    }

    /** @return the downloaded file's facts, when the stored bytes were made from it */
    public Optional<SourceFile> knownSource() {
        return Optional.ofNullable(source);
    }

    /** @return the exported day, when known */
    public Optional<LocalDate> knownDate() {
        return Optional.ofNullable(date);
    }

    /** @return the request, when known */
    public Optional<ExportRequest> knownRequest() {
        return Optional.ofNullable(request);
    }

    /** @return the source ETag, when the server sent one */
    public Optional<String> knownSourceEtag() {
        return Optional.ofNullable(sourceEtag);
    }
}
