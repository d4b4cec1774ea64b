package io.github.cometlyexport.port.driven;

/**
 * An infrastructure failure while exporting: the API refused or broke the protocol, the network failed, the file
 * did not verify, or the store could not write. Adapters wrap their library's exceptions in one of these at the
 * boundary, keeping the cause; messages never carry the API key or a presigned query string.
 *
 * <p>Expected outcomes (a failed job, a give-up decision, an expired link) are not exceptions; they are values.
 */
public abstract sealed class ExportException extends RuntimeException
        permits ExportApiException, ExportRateLimitException, ExportTransportException, ExportStorageException,
        ExportIntegrityException, ExportProtocolException, ExportInterruptedException, ExportLedgerException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, free of secrets
     * @param cause   the library's exception, or {@code null}
     */
    protected ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return whether doing the same thing again later can succeed */
    public abstract boolean retryable();
}
