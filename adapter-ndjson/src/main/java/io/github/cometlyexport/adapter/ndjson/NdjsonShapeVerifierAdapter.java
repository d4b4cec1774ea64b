package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.VerifyExportLinesPort;

/**
 * The quick line check: every non-blank line must look like one JSON object (first non-blank byte {@code {}, last
 * {@code }}), without parsing it. It runs on the same line-aligned blocks and parser threads as
 * {@link JsonLinesVerifierAdapter}, so it costs the caller no more than copying the bytes. Gzip integrity, length
 * and SHA-256 are checked either way. Thread-safe.
 */
public final class NdjsonShapeVerifierAdapter implements VerifyExportLinesPort {
    private final ParserThreads threads;

    /** One checking thread per available core but one, as {@link JsonLinesVerifierAdapter} has by default. */
    public NdjsonShapeVerifierAdapter() {
        this(ParserThreads.byDefault());
    }

    /** @param threads checking threads shared by the files this adapter verifies, at least 1 */
    public NdjsonShapeVerifierAdapter(int threads) {
        this.threads = new ParserThreads(new ShapeBlockCheck(), threads);
    }

    @Override
    public LineVerifier start() {
        return threads.start();
    }

    @Override
    public String toString() {
        return "NdjsonShapeVerifierAdapter[threads=" + threads.threads() + "]";
    }
}
