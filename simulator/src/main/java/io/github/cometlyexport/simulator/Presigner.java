package io.github.cometlyexport.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned links in S3's shape ({@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-Signature}), signed with
 * a key that lives only as long as the simulator, and their verification. Thread-safe.
 */
final class Presigner {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** How a presigned request stands. */
    enum Verdict {
        /** Signed by us and not expired. */
        VALID,
        /** Missing or wrong signature parameters. */
        BAD_SIGNATURE,
        /** Signed by us, but past its expiry. */
        EXPIRED
    }

    private final byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

    /**
     * @param base the download host, {@code http://host:port}
     * @param path the object's path, starting with {@code /}
     * @param now  when the link is minted
     * @param ttl  how long it lives
     * @return the presigned URL
     */
    String presign(String base, String path, Instant now, Duration ttl) {
        String amzDate = AMZ_DATE.format(now);
        long seconds = ttl.toSeconds();
        return base + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SIMULATOR%2F"
                + amzDate.substring(0, 8) + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + seconds + "&X-Amz-SignedHeaders=host&X-Amz-Signature="
                + sign(path, amzDate, seconds);
    }

    /**
     * @param path     the requested path
     * @param rawQuery the request's raw query, or {@code null}
     * @param now      the current instant
     * @return whether the link is ours and alive
     */
    Verdict verify(String path, String rawQuery, Instant now) {
        Map<String, String> query = query(rawQuery);
        String amzDate = query.get("X-Amz-Date");
        String expires = query.get("X-Amz-Expires");
        String signature = query.get("X-Amz-Signature");
        if (amzDate == null || expires == null || signature == null || !expires.matches("[0-9]{1,9}")
                || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                        sign(path, amzDate, Long.parseLong(expires)).getBytes(StandardCharsets.UTF_8))) {
            return Verdict.BAD_SIGNATURE;
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        return now.isBefore(signedAt.plusSeconds(Long.parseLong(expires))) ? Verdict.VALID : Verdict.EXPIRED;
    }

    private String sign(String path, String amzDate, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((path + "\n" + amzDate + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
