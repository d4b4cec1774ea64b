package io.github.cometlyexport.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Builds small gzip NDJSON export files for tests. */
final class ExportFiles {
    private ExportFiles() {
    }

    /** {@code events} lines of realistic-looking, hard-to-compress JSON, gzipped. */
    static byte[] gzipEvents(int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= events; i++) {
            ndjson.append("{\"id\":").append(i).append(",\"event_name\":\"purchase\",\"amount\":")
                    .append(random.nextInt(100_000) / 100.0).append(",\"note\":\"")
                    .append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()))
                    .append("\",\"event_time_utc\":\"2024-01-15T10:23:45Z\"}\n");
        }
        return gzip(ndjson.toString());
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
