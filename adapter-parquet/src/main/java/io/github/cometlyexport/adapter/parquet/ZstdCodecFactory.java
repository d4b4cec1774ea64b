package io.github.cometlyexport.adapter.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page codecs over zstd-jni alone: ZSTD (and uncompressed), without the Hadoop codec classes that
 * parquet-hadoop's own factory loads. One per file writer, used by its thread; {@link #release()} frees the native
 * context.
 */
final class ZstdCodecFactory implements CompressionCodecFactory {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private final BytesInputCompressor zstd = new Compressor();
    private boolean released;

    /** @param level the ZSTD level (3 is zstd's default: fast, and well under gzip's size for these files) */
    ZstdCodecFactory(int level) {
        context.setLevel(level);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is supported here, not " + codec);
        }
        return zstd;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is supported here, not " + codec);
        }
        return new Decompressor();
    }

    @Override
    public synchronized void release() {
        if (!released) {
            released = true;
            context.close();
        }
    }

    private final class Compressor implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(context.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            // The factory owns the context.
        }
    }

    private static final class Decompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            return BytesInput.from(Zstd.decompress(bytes.toByteArray(), decompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(Zstd.decompress(in, decompressedSize));
        }

        @Override
        public void release() {
            // Nothing held.
        }
    }
}
