package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;

/**
 * A dependency-free line check for hosts that link no JSON adapter: every non-blank line must look like one JSON
 * object (first non-blank byte {@code {}, last {@code }}). It counts lines at memory speed but does not parse
 * them; the HTTP adapter's JSON-P verifier checks full syntax. Thread-safe; each verifier is used by one thread.
 */
public final class NdjsonShapeVerifierAdapter implements VerifyExportLinesPort {

    @Override
    public LineVerifier start() {
        return new Verifier();
    }

    private static final class Verifier implements LineVerifier {
        private long lines;
        private int first = -1;
        private int last = -1;

        @Override
        public void accept(byte[] chunk, int offset, int length) {
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                int b = chunk[i] & 0xff;
                if (b == '\n') {
                    endLine();
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    if (first < 0) {
                        first = b;
                    }
                    last = b;
                }
            }
        }

        @Override
        public long finish() {
            endLine();
            return lines;
        }

        private void endLine() {
            if (first < 0) {
                return;
            }
            if (first != '{' || last != '}') {
                throw new ExportIntegrityException("line " + (lines + 1) + " is not one JSON object", null);
            }
            lines++;
            first = -1;
            last = -1;
        }
    }
}
