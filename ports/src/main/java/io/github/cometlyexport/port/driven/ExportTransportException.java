package io.github.cometlyexport.port.driven;

/**
 * The network failed: connect, read or write errors, timeouts, a connection cut mid-body.
 *
 * <p>For a create request, {@link #mayHaveCreatedJob()} says whether the server may have created a job despite
 * the failure (the request was sent but no answer came back). There is no idempotency key, so such a failure is
 * not retryable: a blind retry could create a duplicate job.
 */
public final class ExportTransportException extends ExportException {
    private static final long serialVersionUID = 1L;

    /** Whether a create request may have reached the server and created a job. */
    private final boolean mayHaveCreatedJob;

    /**
     * @param message           what failed, free of secrets
     * @param cause             the library's exception, or {@code null}
     * @param mayHaveCreatedJob {@code true} only for a create request that may have reached the server
     */
    public ExportTransportException(String message, Throwable cause, boolean mayHaveCreatedJob) {
        super(message, cause);
        this.mayHaveCreatedJob = mayHaveCreatedJob;
    }

    /** @return whether a create request may have created a job despite the failure */
    public boolean mayHaveCreatedJob() {
        return mayHaveCreatedJob;
    }

    /** Retryable, unless a create request may already have created a job. */
    @Override
    public boolean retryable() {
        return !mayHaveCreatedJob;
    }
}
