package io.github.cometlyexport.adapter.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the stores need it: of a stored file read back, in hex, as manifests record it. */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * @param in the bytes, read to their end (the caller closes the stream)
     * @return their SHA-256 as lower-case hex
     * @throws IOException when reading fails
     */
    public static String hex(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
