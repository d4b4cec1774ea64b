package io.github.cometlyexport.adapter.http;

import java.time.Instant;

/**
 * One answered API request, read whole (bodies are small and capped).
 *
 * @param status      the HTTP status
 * @param body        the body as text, {@code ""} when none
 * @param contentType the body's content type, or {@code null}
 * @param limits      the rate-limit headers
 * @param receivedAt  when the answer arrived
 */
record ApiReply(int status, String body, String contentType, RateLimitHeaders limits, Instant receivedAt) {
}
