package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.port.driven.VerifyExportLinesPort;

class NdjsonShapeVerifierAdapterTest extends VerifyExportLinesPortContract {

    @Override
    protected VerifyExportLinesPort port() {
        return new NdjsonShapeVerifierAdapter();
    }

    @org.junit.jupiter.api.Test
    void givenBrokenSyntaxInsideBraces_whenShapeIsChecked_thenItPasses() {
        // What "shape" gives up for speed: the inside of the braces is not parsed.
        assertThat(verify("{\"a\":1,,}\n")).isEqualTo(1);
    }
}
