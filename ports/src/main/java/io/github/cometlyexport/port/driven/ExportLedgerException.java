package io.github.cometlyexport.port.driven;

/**
 * The ledger could not be read or written (the database is unreachable, locked too long, or its schema is newer
 * than this version knows), or this process no longer holds the day it meant to record: its lease ran out and
 * another process took the day over.
 */
public final class ExportLedgerException extends ExportException {
    private static final long serialVersionUID = 1L;

    /** Whether the day is held by another process now. */
    private final boolean leaseLost;

    /**
     * @param message   what failed, free of secrets (no password, no key)
     * @param cause     the driver's exception, or {@code null}
     * @param leaseLost {@code true} when the day is held by another process now
     */
    public ExportLedgerException(String message, Throwable cause, boolean leaseLost) {
        super(message, cause);
        this.leaseLost = leaseLost;
    }

    /** @return whether this process lost the day to another (which then finishes it) */
    public boolean leaseLost() {
        return leaseLost;
    }

    @Override
    public boolean retryable() {
        return !leaseLost;
    }
}
