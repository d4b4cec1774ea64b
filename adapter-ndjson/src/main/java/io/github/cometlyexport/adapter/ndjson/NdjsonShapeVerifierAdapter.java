package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The quick line check: every non-blank line must look like one JSON object (first non-blank byte {@code {}, last
 * {@code }}), without parsing it. It runs on the same line-aligned blocks and parser threads as
 * {@link JsonLinesVerifierAdapter}, so it costs the caller no more than copying the bytes. Gzip integrity, length
 * and SHA-256 are checked either way. Thread-safe.
 */
public final class NdjsonShapeVerifierAdapter implements VerifyExportLinesPort {
    private final BlockCheck check = new ShapeBlockCheck();
    private final ThreadPoolExecutor parsers;
    private final BlockPool blocks;
    private final int threads;

    /** One checking thread per available core but one, as {@link JsonLinesVerifierAdapter#JsonLinesVerifierAdapter()}. */
    public NdjsonShapeVerifierAdapter() {
        this(ParserThreads.byDefault());
    }

    /** @param threads checking threads shared by the files this adapter verifies, at least 1 */
    public NdjsonShapeVerifierAdapter(int threads) {
        this.parsers = ParserThreads.pool(threads);
        this.blocks = ParserThreads.blocks(threads);
        this.threads = threads;
    }

    @Override
    public LineVerifier start() {
        return new BlockedLineVerifier(check, parsers, blocks);
    }

    @Override
    public String toString() {
        return "NdjsonShapeVerifierAdapter[threads=" + threads + "]";
    }
}
