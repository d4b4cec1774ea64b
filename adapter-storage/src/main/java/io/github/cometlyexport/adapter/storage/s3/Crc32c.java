package io.github.cometlyexport.adapter.storage.s3;

import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * A part's CRC32C in Base64, as S3's {@code x-amz-checksum-crc32c} wants it; S3 checks it against the bytes it
 * received. CRC32C runs on the CPU's own instruction, about ten times faster than a SHA-256, which the whole file
 * still gets (in its manifest) from the download's single pass.
 */
final class Crc32c {
    private Crc32c() {
    }

    static String base64(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
            (byte) v});
    }
}
