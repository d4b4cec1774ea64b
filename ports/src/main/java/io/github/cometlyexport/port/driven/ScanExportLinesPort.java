package io.github.cometlyexport.port.driven;

import java.io.InputStream;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a stored export file through, in constant memory, and says what it holds: its bytes' count and SHA-256 (of
 * the bytes as stored), its lines, and the keys its lines have at their top level. Gzip (told by its first byte) is
 * inflated member by member to the last byte. Implementations must be thread-safe.
 */
public interface ScanExportLinesPort {

    /**
     * What a file held.
     *
     * @param bytes   how many bytes were stored
     * @param sha256  their SHA-256, lower-case hex
     * @param lines   how many lines (one JSON object each)
     * @param keys    every top-level key of any line
     * @param problem why the content is not a valid export file (bad gzip, a line that is not one JSON object), or
     *                {@code null}; with a problem, {@code lines} and {@code keys} cover what was read before it
     */
    record Scan(long bytes, String sha256, long lines, Set<String> keys, String problem) {
        /**
         * Copies the keys.
         *
         * @param bytes   the stored bytes' count
         * @param sha256  their SHA-256; not null
         * @param lines   the line count
         * @param keys    the top-level keys; not null, copied
         * @param problem why the content is invalid, or {@code null}
         */
        public Scan {
            Objects.requireNonNull(sha256, "sha256");
            keys = Set.copyOf(keys);
        }
    }

    /**
     * @param file the stored bytes, read to their end and closed
     * @return what the file held
     * @throws ExportStorageException when the bytes cannot be read from the store
     */
    Scan scan(InputStream file);
}
