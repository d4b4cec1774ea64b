package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.domain.internal.GzipMembersInputStream;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.ScanExportLinesPort;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a stored export file through for an audit, in constant memory: hashes and counts its bytes as stored,
 * inflates it when its first byte says gzip ({@link GzipMembersInputStream}, every member to the last byte), and
 * walks its lines with Jackson's streaming parser, counting them and collecting their top-level keys (values are
 * skipped, never built). Content that is not a valid export file (bad gzip, a line that is not one JSON object) is
 * reported in the scan, with the bytes still read to their end for the hash; a store that fails to deliver the bytes
 * fails the scan. Thread-safe: each scan has its own parser.
 */
public final class JsonKeysScanAdapter implements ScanExportLinesPort {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int BUFFER = 256 * 1024;
    private static final int GZIP_FIRST_BYTE = 0x1f;

    @Override
    public Scan scan(InputStream file) {
        Source source = new Source(file);
        long lines = 0;
        Set<String> keys = new HashSet<>();
        String problem = null;
        try (source) {
            PushbackInputStream sniffed = new PushbackInputStream(source, 1);
            int first = sniffed.read();
            if (first >= 0) {
                sniffed.unread(first);
                InputStream ndjson = first == GZIP_FIRST_BYTE ? new GzipMembersInputStream(sniffed, BUFFER) : sniffed;
                try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), ndjson)) {
                    int previousLine = 0;
                    JsonToken token;
                    while ((token = parser.nextToken()) != null) {
                        int line = parser.currentTokenLocation().getLineNr();
                        if (token != JsonToken.START_OBJECT || line == previousLine) {
                            throw new IllegalStateException("line " + line + " is not a JSON object");
                        }
                        String name;
                        while ((name = parser.nextName()) != null) {
                            keys.add(name);
                            parser.nextToken();
                            parser.skipChildren();
                        }
                        if (parser.currentTokenLocation().getLineNr() != line) {
                            throw new IllegalStateException("line " + line + " goes on over the next line");
                        }
                        previousLine = line;
                        lines++;
                    }
                }
            }
        } catch (IOException | JacksonException | IllegalStateException e) {
            if (source.failure != null) {
                throw new ExportStorageException("could not read a stored file: " + source.failure.getMessage(),
                        source.failure, true);
            }
            problem = e instanceof JacksonException j ? "line " + (lines + 1) + ": " + j.getOriginalMessage()
                    : e.getMessage();
        }
        if (source.failure != null) {
            throw new ExportStorageException("could not read a stored file: " + source.failure.getMessage(),
                    source.failure, true);
        }
        return new Scan(source.bytes, HexFormat.of().formatHex(source.digest.digest()), lines, keys, problem);
    }

    /** The stored bytes: counted and hashed as they are read, and any failure of the store's stream kept. */
    private static final class Source extends FilterInputStream {
        final MessageDigest digest = sha256();
        long bytes;
        IOException failure;
        private boolean closed;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                digest.update(b, off, n);
                bytes += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null) {
                drain();
            }
            super.close();
        }

        /** Reads what is left, for the hash of the whole file; a failure is kept. */
        void drain() {
            byte[] buffer = new byte[1 << 16];
            try {
                while (read(buffer, 0, buffer.length) >= 0) {
                    // hashed and counted by read
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
