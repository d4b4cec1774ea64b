/**
 * The HTTP side of the hexagon. {@link io.github.cometlyexport.adapter.http.CometlyHttpAdapter} speaks Cometly's
 * export API: {@code ApiTransport} sends each request inside the Space's
 * {@link io.github.cometlyexport.port.driven.SpaceBudgets} and reads the rate-limit headers
 * ({@code RateLimitHeaders}), {@code WireMapping} turns JSON into the domain's types and back, and Resilience4j
 * retries what may be retried. {@link io.github.cometlyexport.adapter.http.HttpDownloadAdapter} fetches presigned
 * files without credentials. Library exceptions are wrapped at this boundary into the
 * {@code io.github.cometlyexport.port.driven.ExportException} family; no message carries the API key or a presigned
 * query string.
 */
package io.github.cometlyexport.adapter.http;
