package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.StoredFormat;
import java.io.OutputStream;

/**
 * Converts an export's verified, decompressed NDJSON into another stored format (Parquet), streaming: the service
 * feeds the lines it verifies, the converter writes the stored file's bytes to the given stream in order, from
 * byte zero, never seeking back. The converter only converts; the download's checks (gzip, every line, length,
 * SHA-256) stay the service's, and the service compares the rows written with the lines verified.
 * Thread-safe; each {@link LineConverter} is used by one thread.
 */
public interface ConvertExportFilePort {

    /** @return the format this converter writes; a store of that format needs it */
    StoredFormat format();

    /**
     * @param dataset the table's dataset: it fixes the file's schema, the same for every day of the table
     * @param out     where the stored file's bytes go, in order; the converter does not close it
     * @return a converter for one file
     */
    LineConverter start(Dataset dataset, OutputStream out);

    /**
     * Converts one file's decompressed lines, fed in chunks in order. Close it when done, whether or not
     * {@link #finish()} was reached: it holds a row group's buffers.
     */
    interface LineConverter extends AutoCloseable {

        /**
         * @param chunk  decompressed bytes; a line may span chunks
         * @param offset start in the chunk
         * @param length how many bytes
         * @throws ExportIntegrityException at a line that is not one JSON object, naming its number
         * @throws ExportStorageException   when the stream cannot be written
         */
        void accept(byte[] chunk, int offset, int length);

        /**
         * Ends the file: converts a last line without a trailing newline and writes the file's footer.
         *
         * @return how many rows the file holds (blank lines are none)
         * @throws ExportIntegrityException if the last line is not one JSON object
         * @throws ExportStorageException   when the stream cannot be written
         */
        long finish();

        /** Releases the buffers; idempotent. Does not throw. */
        @Override
        void close();
    }
}
