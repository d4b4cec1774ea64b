/**
 * The HTTP side of the hexagon: {@link io.github.cometlyexport.adapter.http.CometlyHttpAdapter} speaks Cometly's
 * export API (Apache HttpClient 5, JSON-B/Yasson, Resilience4j rate limiting and retries),
 * {@link io.github.cometlyexport.adapter.http.HttpDownloadAdapter} fetches presigned files without credentials,
 * and {@link io.github.cometlyexport.adapter.http.JsonLinesVerifierAdapter} checks NDJSON lines with JSON-P.
 * {@link io.github.cometlyexport.adapter.http.ExportEventReader} gives host applications a lazy stream of typed
 * events from a stored file. Library exceptions are wrapped at this boundary into the
 * {@code io.github.cometlyexport.port.out.ExportException} family; no message carries the API key or a presigned
 * query string.
 */
package io.github.cometlyexport.adapter.http;
