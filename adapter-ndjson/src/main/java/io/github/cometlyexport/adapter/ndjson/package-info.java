/**
 * The content of an export file, free of HTTP and storage: verifying its NDJSON lines as they stream past
 * ({@link io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter}: full JSON syntax with JSON-P;
 * {@link io.github.cometlyexport.adapter.ndjson.NdjsonShapeVerifierAdapter}: one {@code {…}} per line, no parser),
 * and reading a stored file back, gzip or plain NDJSON, as a lazy stream of typed events, contacts or companies for
 * host applications ({@link io.github.cometlyexport.adapter.ndjson.ExportEventReader},
 * {@link io.github.cometlyexport.adapter.ndjson.ExportContactReader},
 * {@link io.github.cometlyexport.adapter.ndjson.ExportCompanyReader}).
 */
package io.github.cometlyexport.adapter.ndjson;
