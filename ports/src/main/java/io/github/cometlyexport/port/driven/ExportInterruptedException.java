package io.github.cometlyexport.port.driven;

/**
 * The thread was interrupted while waiting or transferring. The interrupt flag is set again before this is
 * thrown, so callers up the stack still see it.
 */
public final class ExportInterruptedException extends ExportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was interrupted
     * @param cause   the {@link InterruptedException}
     */
    public ExportInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
