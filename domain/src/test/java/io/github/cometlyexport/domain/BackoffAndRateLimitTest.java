package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.internal.Redaction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared value types: one backoff, one sliding-log limit, one redaction. */
class BackoffAndRateLimitTest {
    private static final Instant T0 = Instant.parse("2024-01-16T06:00:00Z");

    @Test
    void givenBackoff_whenTriesGrow_thenCeilingDoublesUpToTheCapAndJitterStaysBelowIt() {
        Backoff b = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
        assertThat(List.of(b.ceiling(1), b.ceiling(2), b.ceiling(5), b.ceiling(6), b.ceiling(1000)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(16),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 1; i < 50; i++) {
            assertThat(b.fullJitter(i, random)).isBetween(Duration.ZERO, b.ceiling(i));
        }
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessageContaining("multiplier");
    }

    @Test
    void givenFullLog_whenAsked_thenWaitUntilTheOldestLeavesTheGuardedWindow() {
        RateLimit limit = RateLimit.bursting(2, Duration.ofMinutes(1));
        assertThat(limit.guardedWindow()).isEqualTo(Duration.ofSeconds(63));
        assertThat(limit.waitBefore(List.of(T0), T0, T0)).isZero();
        assertThat(limit.waitBefore(List.of(T0, T0.plusSeconds(10)), T0.plusSeconds(10), T0.plusSeconds(20)))
                .isEqualTo(Duration.ofSeconds(43));
        // Entries older than the guarded window do not count.
        assertThat(limit.waitBefore(List.of(T0, T0.plusSeconds(10)), T0.plusSeconds(10), T0.plusSeconds(63)))
                .isZero();
    }

    @Test
    void givenSpacedLimit_whenTheLastRequestWasRecent_thenWaitForTheSpacing() {
        RateLimit limit = RateLimit.spaced(30, Duration.ofMinutes(1));
        assertThat(limit.spacing()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limit.waitBefore(List.of(T0), T0, T0.plusMillis(500))).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> RateLimit.bursting(0, Duration.ofMinutes(1))).hasMessageContaining("limit");
    }

    @Test
    void givenTextWithSecrets_whenScrubbed_thenKeyAndEveryQueryStringAreGone() {
        String text = "GET https://b.s3.amazonaws.com/exports/x.json.gz?X-Amz-Signature=abc failed for sk_live_1";
        assertThat(Redaction.scrub(text, "sk_live_1", null, "")).isEqualTo(
                "GET https://b.s3.amazonaws.com/exports/x.json.gz?<redacted> failed for <redacted>");
        assertThat(Redaction.scrub(null)).isEmpty();
        assertThat(Redaction.uri(URI.create("https://h:8443/p/q?sig=1#f"))).isEqualTo("https://h:8443/p/q?<redacted>");
    }
}
