package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    @Test
    void givenReplacementPolicy_whenAttemptsAreMade_thenReplacesUpToTheLimit() {
        ReplacementPolicy p = new ReplacementPolicy(3, Duration.ofSeconds(10));
        assertThat(p.mayReplace(1)).isTrue();
        assertThat(p.mayReplace(2)).isTrue();
        assertThat(p.mayReplace(3)).isFalse();
        assertThatThrownBy(() -> new ReplacementPolicy(0, Duration.ZERO)).hasMessageContaining("maxAttempts");
    }

    @Test
    void givenDownloadPolicy_whenFailuresRepeat_thenPauseDoublesUpToThirtySeconds() {
        DownloadPolicy p = new DownloadPolicy(Duration.ofSeconds(30), 5, Duration.ofSeconds(1), 2);
        assertThat(p.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.pauseAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.pauseAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.pauseAfter(99)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenManifest_whenBuiltFromRequest_thenDateComesFromTheRequestAndDigestIsChecked() {
        ExportRequest request = ExportRequest.builder().date("2024-01-15").build();
        Instant t = Instant.parse("2024-01-16T00:00:00Z");
        String sha = "A".repeat(64);
        ExportManifest m = new ExportManifest(new ExportJobId(1), null, request, 10, sha, 2, t, t, t, "\"e\"", 1, false);
        assertThat(m.date()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(m.sha256()).isEqualTo("a".repeat(64));
        assertThatThrownBy(() -> new ExportManifest(new ExportJobId(1), null, null, 10, "abc", 2, t, t, t, null, 1, false))
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> new ExportManifest(new ExportJobId(1), LocalDate.of(2024, 1, 1), request, 10, sha, 2,
                t, t, t, null, 1, false)).hasMessageContaining("differs");
    }
}
