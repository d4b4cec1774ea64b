package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownloadUrlTest {
    private static final URI PRESIGNED = URI.create(
            "https://bucket.s3.amazonaws.com/exports/abc.json.gz?X-Amz-Credential=AKIA123&X-Amz-Signature=deadbeef");
    private static final Instant RESPONDED = Instant.parse("2024-01-15T10:00:00Z");

    @Test
    void givenExpiresAt_whenBuilt_thenItIsTheExpiry() {
        Instant expiresAt = RESPONDED.plusSeconds(600);
        DownloadUrl url = DownloadUrl.of(PRESIGNED, expiresAt, RESPONDED);
        assertThat(url.expiresAt()).isEqualTo(expiresAt);
    }

    @Test
    void givenNoExpiresAt_whenBuilt_thenExpiryIsResponsePlusFifteenMinutes() {
        DownloadUrl url = DownloadUrl.of(PRESIGNED, null, RESPONDED);
        assertThat(url.expiresAt()).isEqualTo(Instant.parse("2024-01-15T10:15:00Z"));
    }

    @Test
    void givenSafetyMargin_whenCloseToExpiry_thenNotUsable() {
        DownloadUrl url = DownloadUrl.of(PRESIGNED, null, RESPONDED);
        Duration margin = Duration.ofSeconds(30);
        assertThat(url.isUsableAt(RESPONDED, margin)).isTrue();
        assertThat(url.isUsableAt(RESPONDED.plusSeconds(869), margin)).isTrue();
        assertThat(url.isUsableAt(RESPONDED.plusSeconds(870), margin)).isFalse();
        assertThat(url.isUsableAt(RESPONDED.plusSeconds(899), Duration.ZERO)).isTrue();
        assertThat(url.isUsableAt(RESPONDED.plusSeconds(900), Duration.ZERO)).isFalse();
        assertThatThrownBy(() -> url.isUsableAt(RESPONDED, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPresignedUrl_whenPrinted_thenQueryStringNeverShows() {
        DownloadUrl url = DownloadUrl.of(PRESIGNED, null, RESPONDED);
        assertThat(url.toString()).doesNotContain("AKIA123").doesNotContain("deadbeef").doesNotContain("X-Amz")
                .contains("bucket.s3.amazonaws.com/exports/abc.json.gz?<redacted>");
        assertThat(url.redacted()).isEqualTo("https://bucket.s3.amazonaws.com/exports/abc.json.gz?<redacted>");
        assertThat(url.host()).isEqualTo("bucket.s3.amazonaws.com");
    }

    @Test
    void givenRelativeUrl_whenBuilt_thenRefusedWithoutTheSecret() {
        assertThatThrownBy(() -> DownloadUrl.of(URI.create("/x?X-Amz-Signature=secret"), null, RESPONDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }
}
