package io.github.cometlyexport.port.driven;

import java.time.Duration;
import java.util.Objects;

/**
 * The API answered 429 and the adapter's retry budget was spent. Retryable after {@link #retryAfter()}.
 */
public final class ExportRateLimitException extends ExportException {
    private static final long serialVersionUID = 1L;

    /** How long the server asked to wait, or the default when it did not say. */
    private final Duration retryAfter;

    /**
     * @param context    what the client was doing
     * @param retryAfter the server's {@code Retry-After}, or a default when absent
     */
    public ExportRateLimitException(String context, Duration retryAfter) {
        super(context + " was rate limited (HTTP 429); retry after " + retryAfter.toSeconds() + "s", null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** @return how long the server asked to wait */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
