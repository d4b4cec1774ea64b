package io.github.cometlyexport.application;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An in-memory fake of the line check for the services' tests: a non-blank line that does not start with
 * {@code {} is "not one JSON object". (The real verifiers live in {@code adapter-ndjson}.)
 */
final class ShapeOnlyLines implements VerifyExportLinesPort {

    @Override
    public LineVerifier start() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        return new LineVerifier() {
            @Override
            public void accept(byte[] chunk, int offset, int length) {
                all.write(chunk, offset, length);
            }

            @Override
            public long finish() {
                long lines = 0;
                for (String line : all.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (!line.strip().startsWith("{") || !line.strip().endsWith("}")) {
                        throw new ExportIntegrityException("line " + (lines + 1) + " is not one JSON object", null);
                    }
                    lines++;
                }
                return lines;
            }
        };
    }
}
