package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyTest {
    @Test
    void givenKey_whenPrinted_thenOnlyAFingerprintShows() {
        ApiKey key = new ApiKey("sk_live_supersecret");
        assertThat(key.toString()).doesNotContain("supersecret").contains(key.fingerprint());
        assertThat(key.fingerprint()).hasSize(12).isEqualTo(new ApiKey("sk_live_supersecret").fingerprint())
                .isNotEqualTo(new ApiKey("sk_live_other").fingerprint());
        assertThat(key.reveal()).isEqualTo("sk_live_supersecret");
    }

    @Test
    void givenBlankOrSpacedKey_whenBuilt_thenRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new ApiKey(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKey("abc def")).hasMessageNotContaining("abc def");
    }
}
