package io.github.cometlyexport.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.port.out.ExportIntegrityException;
import io.github.cometlyexport.port.out.VerifyExportLinesPort;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonShapeVerifierTest {
    private static long count(String... chunks) {
        VerifyExportLinesPort.LineVerifier v = new NdjsonShapeVerifier().start();
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            v.accept(b, 0, b.length);
        }
        return v.finish();
    }

    @Test
    void givenLinesSplitAcrossChunks_whenVerified_thenEachCountedOnce() {
        assertThat(count("{\"a\":1}\n{\"b\"", ":2}\n", "{}")).isEqualTo(3);
        assertThat(count("{\"a\":1}\r\n\n  \n{\"b\":2}\n")).isEqualTo(2);
        assertThat(count("")).isZero();
    }

    @Test
    void givenLineThatIsNotAnObject_whenVerified_thenItsNumberIsNamed() {
        assertThatThrownBy(() -> count("{}\n[1,2]\n")).isInstanceOf(ExportIntegrityException.class)
                .hasMessage("line 2 is not one JSON object");
        assertThatThrownBy(() -> count("{}\n{\"cut\":")).hasMessage("line 2 is not one JSON object");
    }
}
