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
}
