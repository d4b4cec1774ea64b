package io.github.cometlyexport.port.driven;

import java.time.Duration;

/**
 * Hears what the API adapter did with each request, for metrics: which endpoint answered what, the 429s, and how long
 * requests waited for the Space's budget. Endpoints are path templates ({@code POST /events/exports},
 * {@code GET /contacts/exports/{id}}): never an id, a URL query, a key or a signature. Implementations are quick,
 * thread-safe and never throw.
 */
public interface RecordApiRequestsPort {

    /** Records nothing. */
    RecordApiRequestsPort NONE = new RecordApiRequestsPort() {
    };

    /**
     * @param endpoint the method and path template
     * @param status   the HTTP status answered, or {@code 0} when no answer came (a network failure)
     * @param took     from sending to the answer
     */
    default void answered(String endpoint, int status, Duration took) {
    }

    /**
     * @param kind   {@code status} or {@code create}
     * @param waited how long the request waited for the Space's budget before it was sent
     */
    default void waitedForBudget(String kind, Duration waited) {
    }
}
