package io.github.cometlyexport.domain;

import io.github.cometlyexport.domain.internal.Redaction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A presigned link to a completed export's file, and the instant it stops working.
 *
 * <p>The query string of a presigned URL is a credential: {@link #toString()} and {@link #redacted()} never show
 * it. Only {@link #uri()} gives the full link, for the one adapter that fetches it.
 *
 * <p>Cometly mints a fresh link with a fresh {@link #DEFAULT_TTL 15-minute} window at every status request of a
 * completed job; a link that is no longer usable is renewed by asking for the status again, never by retrying it.
 * Immutable and thread-safe.
 *
 * @param uri       the full presigned URL, including its signature
 * @param expiresAt when the link stops working (UTC instant)
 */
public record DownloadUrl(URI uri, Instant expiresAt) {

    /** How long a link lives when the API does not say: 15 minutes from the status response that carried it. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /**
     * Checks that the link is an absolute URL with a host.
     *
     * @param uri       the full presigned URL, including its signature; not null
     * @param expiresAt when the link stops working; not null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code uri} is not absolute or has no host
     */
    public DownloadUrl {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("download_url must be an absolute URL with a host, was " + Redaction.uri(uri));
        }
    }

    /**
     * A link whose expiry is known from {@code expires_at} or, when the API left it out, computed as the time of
     * the status response plus {@link #DEFAULT_TTL}.
     *
     * @param uri          the presigned URL
     * @param expiresAt    the {@code expires_at} the API sent, or {@code null} when absent
     * @param respondedAt  when the status response that carried the link was received
     * @return the link with its expiry
     */
    public static DownloadUrl of(URI uri, Instant expiresAt, Instant respondedAt) {
        Objects.requireNonNull(respondedAt, "respondedAt");
        return new DownloadUrl(uri, expiresAt != null ? expiresAt : respondedAt.plus(DEFAULT_TTL));
    }

    /**
     * Whether a download started at {@code now} can still use this link, keeping {@code safetyMargin} in hand for
     * clock skew and the time a request takes to reach S3.
     *
     * @param now          the current instant, from the caller's clock
     * @param safetyMargin how long before {@link #expiresAt()} the link counts as dead; not negative
     * @return {@code true} if {@code now + safetyMargin} is before the expiry
     */
    public boolean isUsableAt(Instant now, Duration safetyMargin) {
        if (safetyMargin.isNegative()) {
            throw new IllegalArgumentException("safetyMargin must not be negative, was " + safetyMargin);
        }
        return now.plus(safetyMargin).isBefore(expiresAt);
    }

    /** @return the host the link points at (where the API key must never go) */
    public String host() {
        return uri.getHost();
    }

    /** @return the link without its query string and fragment, safe for logs and messages */
    public String redacted() {
        return Redaction.uri(uri);
    }

    @Override
    public String toString() {
        return "DownloadUrl[" + redacted() + ", expiresAt=" + expiresAt + "]";
    }
}
