package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DayKeyTest {
    private static final ApiKey KEY = new ApiKey("space_key_123456");

    @Test
    void givenBaseUrlWithAndWithoutTrailingSlash_whenNamedAsSpace_thenOneSpace() {
        assertThat(DayKey.space("https://api.test/v1/", KEY)).isEqualTo(DayKey.space("https://api.test/v1", KEY));
    }

    @Test
    void givenOtherSpellingsOfOneBaseUrl_whenNamedAsSpace_thenOneSpace() {
        String canonical = DayKey.space("https://app.cometly.com/public-api/v1", KEY);
        assertThat(DayKey.space("HTTPS://App.Cometly.COM:443/public-api//v1//", KEY)).isEqualTo(canonical);
        assertThat(DayKey.space("http://127.0.0.1:80/v1/", KEY)).isEqualTo(DayKey.space("http://127.0.0.1/v1", KEY));
        assertThat(DayKey.space("http://user:secret@127.0.0.1:8080/v1", KEY)).doesNotContain("secret")
                .startsWith("http://127.0.0.1:8080/v1 key:");
    }

    @Test
    void givenABaseUrlAlreadyCanonical_whenNamedAsSpace_thenTheKeyOfExistingLedgersStaysTheSame() {
        assertThat(DayKey.space("https://app.cometly.com/public-api/v1", KEY))
                .isEqualTo("https://app.cometly.com/public-api/v1 key:" + KEY.fingerprint());
        assertThat(DayKey.canonicalBaseUrl("http://127.0.0.1:41234/v1")).isEqualTo("http://127.0.0.1:41234/v1");
        assertThat(DayKey.canonicalBaseUrl("https://api.test/public-api/v1/")).isEqualTo("https://api.test/public-api/v1");
        assertThat(DayKey.canonicalBaseUrl("https://api.test:8443/")).isEqualTo("https://api.test:8443");
    }
}
