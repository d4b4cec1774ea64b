package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's promise: no API key and no presigned signature in any line it printed. */
final class Secrets {
    private Secrets() {
    }

    static void assertNonePrinted() {
        assertThat(CliHarness.PRINTED).as("printed output").isNotEmpty();
        for (String printed : CliHarness.PRINTED) {
            for (String key : CliEndToEndIT.KEYS_USED) {
                assertThat(printed).doesNotContain(key);
            }
            assertThat(printed).doesNotContain("X-Amz-Signature").doesNotContain("X-Amz-Credential")
                    .doesNotContain("Signature=");
        }
    }
}
