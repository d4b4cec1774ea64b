package io.github.cometlyexport.port.driven;

/**
 * The downloaded file did not verify: a truncated or corrupt gzip stream, a line that is not one JSON object,
 * a length that does not match what the server announced, or an object that kept changing. Nothing was
 * published.
 */
public final class ExportIntegrityException extends ExportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not verify, and where (byte or line number)
     * @param cause   the underlying error, or {@code null}
     */
    public ExportIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Not retryable as such: the same bytes fail the same way. A new job may produce good ones. */
    @Override
    public boolean retryable() {
        return false;
    }
}
