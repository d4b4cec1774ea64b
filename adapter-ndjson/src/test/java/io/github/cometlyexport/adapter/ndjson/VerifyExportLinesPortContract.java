package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link VerifyExportLinesPort} keeps, whatever its strictness: lines split across chunks count
 * once, blank lines and a missing final newline are fine, and the first line that is not one JSON object is named
 * by its number. Each verifier's test extends this with what only it checks.
 */
abstract class VerifyExportLinesPortContract {

    /** @return the verifier under test */
    protected abstract VerifyExportLinesPort port();

    protected long verify(String... chunks) {
        try (VerifyExportLinesPort.LineVerifier v = port().start()) {
            for (String c : chunks) {
                byte[] b = c.getBytes(StandardCharsets.UTF_8);
                v.accept(b, 0, b.length);
            }
            return v.finish();
        }
    }

    @Test
    void givenLinesSplitAcrossChunks_whenVerified_thenEachIsCountedOnce() {
        assertThat(verify("{\"id\":1,\"a\":[1,{\"b\":\"ü\"}]}\n{\"id\":", "\"x\",\"n\":null}\n", "{}")).isEqualTo(3);
    }

    @Test
    void givenBlankLinesAndCarriageReturns_whenVerified_thenOnlyObjectsCount() {
        assertThat(verify("{\"a\":1}\r\n\n  \n{\"b\":2}\n")).isEqualTo(2);
    }

    @Test
    void givenEmptyFile_whenVerified_thenZeroLines() {
        assertThat(verify("")).isZero();
    }

    @Test
    void givenLineThatIsAnArray_whenVerified_thenItsNumberIsNamed() {
        assertThatThrownBy(() -> verify("{}\n{}\n[1,2]\n")).isInstanceOf(ExportIntegrityException.class)
                .hasMessageStartingWith("line 3 is not one JSON object");
    }

    @Test
    void givenLastLineCutOff_whenFinished_thenItsNumberIsNamed() {
        assertThatThrownBy(() -> verify("{\"a\":1}\n{\"b\":")).isInstanceOf(ExportIntegrityException.class)
                .hasMessageStartingWith("line 2 is not one JSON object");
    }

    /** Lines of 100 to 3,000 bytes, so that block ends fall inside lines and inside multi-byte characters. */
    static String manyLines(int count) {
        StringBuilder b = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 1; i <= count; i++) {
            b.append("{\"id\":").append(i).append(",\"text\":\"").append("ü€😀x".repeat(10 + r.nextInt(300)))
                    .append("\",\"n\":[1,2.5e3,{\"k\":null}]}\n");
            if (i % 97 == 0) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    static long verifyIn(VerifyExportLinesPort port, byte[] bytes, int chunk) {
        try (VerifyExportLinesPort.LineVerifier v = port.start()) {
            for (int off = 0; off < bytes.length; off += chunk) {
                v.accept(bytes, off, Math.min(chunk, bytes.length - off));
            }
            return v.finish();
        }
    }

    @Test
    void givenManyBlocks_whenVerified_thenEveryObjectCountsOnceWhateverTheChunking() {
        byte[] bytes = manyLines(6_000).getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {999, 1 << 20}) {
            assertThat(verifyIn(port(), bytes, chunk)).as("chunk %d", chunk).isEqualTo(6_000);
        }
    }

    @Test
    void givenBadLineDeepInALaterBlock_whenVerified_thenTheFileLineIsNamed() {
        String[] lines = manyLines(6_000).split("\n", -1);
        int bad = 5_123; // a line index (from 0) well past the first blocks
        lines[bad] = lines[bad].substring(0, lines[bad].length() - 1);
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifyIn(port(), bytes, 65_536)).isInstanceOf(ExportIntegrityException.class)
                .hasMessageStartingWith("line " + (bad + 1) + " is not one JSON object");
    }
}
