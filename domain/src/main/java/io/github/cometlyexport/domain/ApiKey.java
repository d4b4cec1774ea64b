package io.github.cometlyexport.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Cometly API key: the secret that opens one Space. {@link #toString()} never shows it; only {@link #reveal()}
 * does, for the one adapter that puts it in an {@code Authorization} header for the API's host.
 *
 * <p>{@link #fingerprint()} names the Space without the secret, for keying shared rate limiters and for logs.
 *
 * @param value the key as issued
 */
public record ApiKey(String value) {

    /**
     * Checks that the key looks like a key.
     *
     * @param value the key as issued; not null
     * @throws IllegalArgumentException if the key is blank or has whitespace or control characters
     */
    public ApiKey {
        Objects.requireNonNull(value, "API key");
        if (value.isBlank() || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("an API key is a non-empty token without spaces or control characters");
        }
    }

    /** @return the secret itself; never log or print it */
    public String reveal() {
        return value;
    }

    /** @return the first 12 hex digits of the key's SHA-256: stable, safe to print, not reversible */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + fingerprint() + "…, redacted]";
    }
}
