package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.InvalidExportRequestException;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.port.driven.ExportStorageException;

/** The exit codes scripts rely on. */
enum ExitCode {
    /** Done. */
    OK(0),
    /** Unexpected internal error (also network and protocol failures that outlasted every retry). */
    INTERNAL(1),
    /** Bad usage or invalid input. */
    USAGE(2),
    /** The export failed after the allowed attempts. */
    EXPORT_FAILED(3),
    /** Timed out waiting. */
    TIMED_OUT(4),
    /** Authentication or permission refused (401/403). */
    AUTH(5),
    /** Export not found (404). */
    NOT_FOUND(6),
    /** Integrity check failed (truncated or corrupt file). */
    INTEGRITY(7),
    /** Storage failed (the destination, or the ledger). */
    STORAGE(8),
    /** The audit found closed days missing or damaged (with {@code --fail-on-warnings}: or warnings). */
    AUDIT(9);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** @return the exit code for a failure */
    static ExitCode of(Throwable e) {
        if (e instanceof InvalidExportRequestException || e instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (e instanceof ExportApiException api) {
            return switch (api.kind()) {
                case UNAUTHORIZED, FORBIDDEN -> AUTH;
                case NOT_FOUND, FILE_GONE -> NOT_FOUND;
                case INVALID_REQUEST -> USAGE;
                default -> INTERNAL;
            };
        }
        if (e instanceof ExportIntegrityException) {
            return INTEGRITY;
        }
        if (e instanceof ExportStorageException || e instanceof ExportLedgerException) {
            return STORAGE;
        }
        return INTERNAL;
    }
}
