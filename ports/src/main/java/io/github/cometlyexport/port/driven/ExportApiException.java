package io.github.cometlyexport.port.driven;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Cometly API answered with an error status (other than 429, see {@link ExportRateLimitException}).
 */
public final class ExportApiException extends ExportException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal, for callers that map it to an exit code or a decision. */
    public enum Kind {
        /** 401: the key is missing or invalid. */
        UNAUTHORIZED,
        /** 403: the key lacks permission or the subscription is inactive. */
        FORBIDDEN,
        /** 404: no such export, or it belongs to another Space. */
        NOT_FOUND,
        /** 422: the request broke a rule; see {@link #fieldErrors()}. */
        INVALID_REQUEST,
        /**
         * A completed job's file is no longer behind its link (the presigned download answered 404 {@code NoSuchKey},
         * or a 403 that is not the link's expiry): Cometly keeps files only for a while. The job can never deliver
         * it again; a new job can.
         */
        FILE_GONE,
        /** 5xx: Cometly's side failed; retryable. */
        SERVER_ERROR,
        /** Any other unexpected status. */
        OTHER
    }

    /** The HTTP status the API answered. */
    private final int status;
    /** What the refusal means. */
    private final Kind kind;
    /** The API's own message; empty when it sent none. */
    private final String apiMessage;
    /** Validation errors by field, sorted by field; empty but for a 422. */
    @SuppressWarnings("serial")
    private final Map<String, List<String>> fieldErrors;

    /**
     * @param status      the HTTP status
     * @param apiMessage  the {@code message} of the error body, or its text; never the key
     * @param fieldErrors the 422 body's {@code errors}, keyed by field; empty otherwise
     * @param context     what the client was doing, e.g. {@code "GET /events/exports/123"}
     */
    public ExportApiException(int status, String apiMessage, Map<String, List<String>> fieldErrors, String context) {
        this(status, kindOf(status), apiMessage, fieldErrors, context);
    }

    /**
     * A refusal whose kind is not the status's usual one ({@link Kind#FILE_GONE}, say).
     *
     * @param status      the HTTP status
     * @param kind        what the refusal means
     * @param apiMessage  the error body's message, or its text; never the key or a query string
     * @param fieldErrors the 422 body's {@code errors}, keyed by field; empty otherwise
     * @param context     what the client was doing
     */
    public ExportApiException(int status, Kind kind, String apiMessage, Map<String, List<String>> fieldErrors,
                              String context) {
        super(describe(status, kind, apiMessage, fieldErrors, context), null);
        this.status = status;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.apiMessage = Objects.requireNonNullElse(apiMessage, "");
        Map<String, List<String>> copy = new TreeMap<>();
        if (fieldErrors != null) {
            fieldErrors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        this.fieldErrors = Map.copyOf(copy);
    }

    /**
     * @param status an HTTP status
     * @return the kind it maps to
     */
    public static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 422 -> Kind.INVALID_REQUEST;
            default -> status >= 500 && status <= 599 ? Kind.SERVER_ERROR : Kind.OTHER;
        };
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the kind of refusal */
    public Kind kind() {
        return kind;
    }

    /** @return the API's own message, possibly empty */
    public String apiMessage() {
        return apiMessage;
    }

    /** @return validation errors by field (422 only), sorted by field; empty otherwise */
    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public boolean retryable() {
        return kind == Kind.SERVER_ERROR;
    }

    private static String describe(int status, Kind kind, String apiMessage, Map<String, List<String>> fieldErrors,
                                   String context) {
        StringBuilder out = new StringBuilder();
        out.append(context).append(" failed with HTTP ").append(status);
        String meaning = switch (kind) {
            case UNAUTHORIZED -> " (the API key is missing or invalid)";
            case FORBIDDEN -> " (the API key lacks permission or the subscription is inactive)";
            case NOT_FOUND -> " (no such export in this key's Space)";
            case FILE_GONE -> " (the export's file is gone: Cometly keeps files only for a while)";
            case INVALID_REQUEST -> " (the request was refused as invalid)";
            case SERVER_ERROR -> " (Cometly's side failed)";
            case OTHER -> "";
        };
        out.append(meaning);
        if (apiMessage != null && !apiMessage.isBlank()) {
            out.append(": ").append(apiMessage);
        }
        if (fieldErrors != null && !fieldErrors.isEmpty()) {
            new TreeMap<>(fieldErrors).forEach((field, errors) ->
                    out.append("; ").append(field).append(": ").append(String.join(", ", errors)));
        }
        return out.toString();
    }
}
