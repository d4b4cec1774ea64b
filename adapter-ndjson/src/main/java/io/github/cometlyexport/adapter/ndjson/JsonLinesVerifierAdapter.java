package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.VerifyExportLinesPort;

/**
 * Checks that every line of an export is exactly one well-formed JSON object, in full, at the speed of inflating it.
 *
 * <p>Why this shape (measured in BENCHMARKS.md): JSON-P's parser (Parsson) spent half its time decoding UTF-8 into
 * characters before tokenising; Jackson's core parser walks the bytes themselves and skips strings without building
 * them, about three times as fast on export lines. One parser still checks more slowly than the JDK inflates, so
 * the inflated bytes are cut into blocks that end at a line break, checked on other threads (one per core but one
 * by default) while the caller goes on receiving, hashing and inflating. Lines never span blocks, so each block is
 * checked on its own; their line breaks are added up in order to name the file's line in an error.
 *
 * <p>The parser threads belong to this adapter and are shared by every file it verifies, so a backfill of many days
 * uses no more threads than one download. Memory: the block each file is filling (256 KiB), plus at most
 * {@code 2 × (threads + 2)} blocks with the threads and as many kept for reuse. The threads are daemons and end
 * after a second idle. Thread-safe.
 */
public final class JsonLinesVerifierAdapter implements VerifyExportLinesPort {
    static final int BLOCK_SIZE = ParserThreads.BLOCK_SIZE;

    private final ParserThreads threads;

    /**
     * One parser thread per available core but one: the core left over inflates (on two cores, a second parser
     * thread only competes with the inflater and was measured slower).
     */
    public JsonLinesVerifierAdapter() {
        this(ParserThreads.byDefault());
    }

    /** @param threads parser threads shared by the files this adapter verifies, at least 1 */
    public JsonLinesVerifierAdapter(int threads) {
        this.threads = new ParserThreads(new JsonBlockCheck(), threads);
    }

    @Override
    public LineVerifier start() {
        return threads.start();
    }

    @Override
    public String toString() {
        return "JsonLinesVerifierAdapter[threads=" + threads.threads() + "]";
    }
}
