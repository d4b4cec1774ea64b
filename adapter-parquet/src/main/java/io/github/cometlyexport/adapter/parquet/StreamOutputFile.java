package io.github.cometlyexport.adapter.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a stream written once, in order (a store's pending file): Parquet's writer
 * only appends, and reads its position. Closing the Parquet stream flushes it and leaves the given one open.
 */
final class StreamOutputFile implements OutputFile {
    private final OutputStream out;

    /** @param out where the file's bytes go; not closed here */
    StreamOutputFile(OutputStream out) {
        this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new Counting(out);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    /** Counts the bytes written; buffers the many small writes of page headers. */
    private static final class Counting extends PositionOutputStream {
        private final BufferedOutputStream buffered;
        private long position;

        Counting(OutputStream out) {
            this.buffered = new BufferedOutputStream(out, 1 << 16);
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            buffered.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            buffered.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            buffered.flush();
        }

        @Override
        public void close() throws IOException {
            buffered.flush();
        }
    }
}
