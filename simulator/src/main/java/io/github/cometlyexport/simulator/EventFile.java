package io.github.cometlyexport.simulator;

import jakarta.json.spi.JsonProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one day's export (events, contacts or companies) as gzip NDJSON to a file, line by line, so that a million events cost no more memory
 * than ten. Deterministic for a seed. Lines carry the documented keys ({@code id}, {@code event_name},
 * {@code amount}, {@code event_time_utc}) plus touchpoints and text with unicode and characters that need escaping.
 */
final class EventFile {
    private static final String[] NAMES = {"purchase", "lead_generated", "add_to_cart", "sign_up", "view_content",
        "initiate_checkout", "custom_event_7"};
    private static final String[] SOURCES = {"facebook_ads", "google_ads", "tiktok_ads", "google_organic", "email",
        "direct"};
    private static final String[] COMPANY_WORDS = {"Acme", "Nordwind", "Café Lumière", "Kōgyō", "Blue Harbor",
        "Vertex", "Żuraw", "Sunlit"};
    private static final String[] DOMAIN_STEMS = {"acme", "nordwind", "cafelumiere", "kogyo", "blueharbor", "vertex",
        "zuraw", "sunlit"};
    private static final String[] INDUSTRIES = {"software", "retail", "healthcare", "finance", "education",
        "manufacturing"};
    private static final String[] FIRST_NAMES = {"Zoë", "José", "Łukasz", "Ana", "Chloé", "Søren", "李", "Mia"};
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * @param length bytes in the file
     * @param etag   quoted MD5 hex of the file, as S3 gives for a single-part object
     */
    record Written(long length, String etag) {
    }

    private EventFile() {
    }

    /**
     * An event export: {@code events} lines through the day, each with the requested {@code fields} (empty: all) and
     * an event name among {@code names} (empty: any of ours), as an export filtered by event name holds.
     */
    static Written write(Path target, long events, long seed, LocalDate date, List<String> fields,
                         List<String> names, LineProfile profile, int level) throws IOException {
        Set<String> keep = fields.isEmpty() ? Set.of() : Set.copyOf(fields);
        String[] pool = names.isEmpty() ? NAMES : names.toArray(String[]::new);
        long dayStart = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        boolean realistic = profile == LineProfile.REALISTIC;
        return write(target, events, seed, level, (line, i, random) -> appendEvent(line, i,
                dayStart + (86_399L * i) / Math.max(1, events), random, keep, pool, realistic));
    }

    /**
     * A contact export: contacts created from {@code request}'s start to its end, with {@code comet_tokens} and
     * {@code emails} when the request asked for them.
     */
    static Written writeContacts(Path target, long contacts, long seed, SimRequest request, int level)
            throws IOException {
        long start = request.start().toEpochSecond(ZoneOffset.UTC);
        long span = request.end().toEpochSecond(ZoneOffset.UTC) - start;
        return write(target, contacts, seed, level, (line, i, random) -> appendContact(line, i,
                start + (span * i) / Math.max(1, contacts), random, request));
    }

    /** A company export: companies created from {@code request}'s start to its end. */
    static Written writeCompanies(Path target, long companies, long seed, SimRequest request, int level)
            throws IOException {
        long start = request.start().toEpochSecond(ZoneOffset.UTC);
        long span = request.end().toEpochSecond(ZoneOffset.UTC) - start;
        return write(target, companies, seed, level, (line, i, random) -> appendCompany(line, i,
                start + (span * i) / Math.max(1, companies), random));
    }

    /** Appends line {@code i} (from 1) to the builder. */
    @FunctionalInterface
    private interface Lines {
        void append(StringBuilder line, long i, SplittableRandom random);
    }

    private static Written write(Path target, long count, long seed, int level, Lines lines) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        try (OutputStream file = Files.newOutputStream(target);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), md5);
             GZIPOutputStream gzip = new LeveledGzip(digest, level);
             Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(1024);
            for (long i = 1; i <= count; i++) {
                line.setLength(0);
                lines.append(line, i, random);
                out.write(line.append('\n').toString());
            }
        }
        return new Written(Files.size(target), "\"" + HexFormat.of().formatHex(md5.digest()) + "\"");
    }

    private static void appendEvent(StringBuilder b, long n, long epochSecond, SplittableRandom r, Set<String> keep,
                                    String[] names, boolean realistic) {
        b.append('{');
        // Ids are usually numbers; some Spaces use strings.
        b.append("\"id\":").append(n % 7 == 0 ? quote("evt_" + n) : Long.toString(n));
        String time = ISO.format(java.time.Instant.ofEpochSecond(epochSecond));
        if (want(keep, "event_name")) {
            b.append(",\"event_name\":").append(quote(names[r.nextInt(names.length)]));
        }
        if (want(keep, "amount")) {
            b.append(",\"amount\":").append(r.nextInt(1_000_000) / 100.0);
        }
        if (want(keep, "currency")) {
            b.append(",\"currency\":\"USD\"");
        }
        b.append(",\"event_time_utc\":").append(quote(time));
        if (want(keep, "email")) {
            b.append(",\"email\":").append(quote("user" + r.nextInt(1_000_000) + "@example.com"));
        }
        if (want(keep, "first_name")) {
            b.append(",\"first_name\":").append(quote(FIRST_NAMES[r.nextInt(FIRST_NAMES.length)]));
        }
        if (want(keep, "touchpoints")) {
            int touches = 1 + r.nextInt(3);
            b.append(",\"touchpoints\":[");
            for (int i = 0; i < touches; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append("{\"source\":").append(quote(SOURCES[r.nextInt(SOURCES.length)]))
                        .append(",\"campaign\":").append(quote("Winter \"Sale\" \\ " + r.nextInt(50) + " ✓"))
                        .append(",\"at\":").append(quote(ISO.format(
                                java.time.Instant.ofEpochSecond(epochSecond - r.nextInt(86_400 * 7)))))
                        .append('}');
            }
            b.append(']');
        }
        if (want(keep, "note")) {
            b.append(",\"note\":").append(quote("tab\there, line\nbreak, unicode ü € 😀, token "
                    + Long.toHexString(r.nextLong())));
        }
        if (realistic) {
            RealisticFields.append(b, r, keep);
        }
        b.append('}');
    }

    private static void appendContact(StringBuilder b, long n, long epochSecond, SplittableRandom r,
                                      SimRequest request) {
        String first = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)];
        b.append("{\"id\":").append(n).append(",\"email\":").append(quote("contact" + n + "@example.com"))
                .append(",\"name\":").append(quote(first + " Doe")).append(",\"phone\":")
                .append(quote("+1555" + (1_000_000 + r.nextInt(9_000_000)))).append(",\"location\":")
                .append(quote(r.nextBoolean() ? "US" : "DE")).append(",\"created_at\":")
                .append(quote(ISO.format(java.time.Instant.ofEpochSecond(epochSecond))));
        if (request.tokens()) {
            b.append(",\"comet_tokens\":[");
            int tokens = 1 + r.nextInt(5);
            for (int i = 0; i < tokens; i++) {
                b.append(i > 0 ? "," : "").append(quote("ct_" + Long.toHexString(r.nextLong())));
            }
            b.append(']');
        }
        if (request.emails()) {
            b.append(",\"emails\":[").append(quote("contact" + n + "@example.com")).append(',')
                    .append(quote(first.toLowerCase(java.util.Locale.ROOT) + n + "@example.org")).append(']');
        }
        b.append('}');
    }

    private static void appendCompany(StringBuilder b, long n, long epochSecond, SplittableRandom r) {
        int w = r.nextInt(COMPANY_WORDS.length);
        // Ids are usually numbers; some Spaces use strings.
        b.append("{\"id\":").append(n % 5 == 0 ? quote("cmp_" + n) : Long.toString(n))
                .append(",\"domain\":").append(quote(DOMAIN_STEMS[w] + n + (r.nextBoolean() ? ".com" : ".io")))
                .append(",\"name\":").append(quote(COMPANY_WORDS[w] + " \"" + n + "\" GmbH & Co."))
                .append(",\"industry\":").append(quote(INDUSTRIES[r.nextInt(INDUSTRIES.length)]))
                .append(",\"employee_count\":").append(1 + r.nextInt(5_000))
                .append(",\"country\":").append(quote(r.nextBoolean() ? "US" : "DE"))
                .append(",\"contacts_count\":").append(r.nextInt(40))
                .append(",\"created_at\":").append(quote(ISO.format(java.time.Instant.ofEpochSecond(epochSecond))))
                .append('}');
    }

    /** JSON-P writes the string literal, escapes and all ({@code Json.createValue} would look the provider up each time). */
    static String quote(String text) {
        return JSON.createValue(text).toString();
    }

    private static boolean want(Set<String> keep, String key) {
        return keep.isEmpty() || keep.contains(key);
    }

    /** A gzip stream with a chosen deflate level. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level == Deflater.DEFAULT_COMPRESSION ? 6 : level);
        }
    }
}
