package io.github.cometlyexport.port.driven;

/**
 * The store could not read or write: no permission, a full disk, a path that is a file, an S3 error.
 */
public final class ExportStorageException extends ExportException {
    private static final long serialVersionUID = 1L;

    /** Whether trying again later can help. */
    private final boolean retryable;

    /**
     * @param message   what failed and where, free of secrets
     * @param cause     the library's exception, or {@code null}
     * @param retryable whether trying again later can help (a throttled S3 call can; a read-only folder cannot)
     */
    public ExportStorageException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
