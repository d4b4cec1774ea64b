package io.github.cometlyexport.port.driven;

/**
 * Checks the decompressed NDJSON of an export as it streams past: every line must be one JSON object. How
 * strictly is the implementation's choice (a JSON parser checks syntax; a plain splitter only shape).
 * Thread-safe; each {@link LineVerifier} is used by one thread.
 */
public interface VerifyExportLinesPort {

    /** @return a verifier for one file */
    LineVerifier start();

    /**
     * Verifies one file's decompressed bytes, fed in chunks in order. Close it when done, whether or not
     * {@link #finish()} was reached: an implementation may hold a thread or buffers.
     */
    interface LineVerifier extends AutoCloseable {

        /**
         * @param chunk  decompressed bytes; a line may span chunks
         * @param offset start in the chunk
         * @param length how many bytes
         * @throws ExportIntegrityException at the first line that is not one JSON object, naming its number
         */
        void accept(byte[] chunk, int offset, int length);

        /**
         * Ends the file. A last line without a trailing newline counts as a line.
         *
         * @return how many lines (events) the file held; blank lines are not counted
         * @throws ExportIntegrityException if the last line is not one JSON object
         */
        long finish();

        /** Releases what the verifier holds; idempotent. Does not throw. */
        @Override
        default void close() {
        }
    }
}
