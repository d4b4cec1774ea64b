package io.github.cometlyexport.port.driven;

/**
 * The API answered something the documented protocol does not allow: an unknown {@code status}, a missing
 * required key, malformed JSON, or a status that went backwards. Retrying does not help; the message names what
 * was wrong.
 */
public final class ExportProtocolException extends ExportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the value
     * @param cause   the parse error, or {@code null}
     */
    public ExportProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
