package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.ApiKey;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CometlyExportConfigTest {
    private static final String KEY = "cfg_secret_key_0123456789";

    @Test
    void givenOnlyAKey_whenBuilt_thenEveryDefaultComesFromItsConstant() {
        CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(KEY)).build();
        assertThat(config.timeout()).isEqualTo(CometlyExportConfig.DEFAULT_TIMEOUT);
        assertThat(config.maxAttempts()).isEqualTo(CometlyExportConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(config.statusRate()).isEqualTo(CometlyExportConfig.DEFAULT_STATUS_RATE);
        assertThat(config.createRate()).isEqualTo(CometlyExportConfig.DEFAULT_CREATE_RATE);
        assertThat(config.rateWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.leaseTtl()).isEqualTo(CometlyExportConfig.DEFAULT_LEASE_TTL);
        assertThat(config.hasLedger()).isFalse();
        assertThat(config.s3Endpoint()).isEmpty();
        assertThat(config.http().apiKey().value()).isEqualTo(KEY);
    }

    @Test
    void givenSeveralImpossibleSettings_whenBuilt_thenEveryOneIsNamedAtOnce() {
        assertThatThrownBy(() -> CometlyExportConfig.builder(new ApiKey(KEY)).rates(0, 5).timeout(Duration.ZERO)
                .maxAttempts(0).replacePause(Duration.ofSeconds(-1)).leaseTtl(Duration.ofMillis(5)).ledger(" ")
                .s3(URI.create("relative/path"), true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rates must be at least 1")
                .hasMessageContaining("timeout must be positive")
                .hasMessageContaining("maxAttempts must be at least 1")
                .hasMessageContaining("replacePause must not be negative")
                .hasMessageContaining("leaseTtl must be at least 30 ms")
                .hasMessageContaining("the ledger must be")
                .hasMessageContaining("S3 endpoint must be an absolute URL")
                .message().doesNotContain(KEY);
    }

    @Test
    void givenAKeyAndALedgerPassword_whenPrinted_thenNeitherShows() {
        CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(KEY))
                .ledger("jdbc:postgresql://ledger:hunter2secret@db.internal:5432/cometly?password=hunter2secret")
                .build();
        assertThat(config.toString()).doesNotContain(KEY).doesNotContain("hunter2secret").contains("db.internal");
    }

    @Test
    void givenAConfig_whenRebuiltFromItsBuilder_thenEverySettingIsKeptAndTheOriginalUnchanged() {
        CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(KEY))
                .baseUrl(URI.create("http://127.0.0.1:9/public-api/v1")).rates(20, 4).timeout(Duration.ofMinutes(30))
                .maxAttempts(7).replacePause(Duration.ofSeconds(3)).lineCheck(CometlyExportConfig.LineCheck.SHAPE)
                .ledger("jdbc:sqlite:/tmp/ledger.db").leaseTtl(Duration.ofMinutes(5))
                .s3(URI.create("http://127.0.0.1:9000"), true).build();
        CometlyExportConfig copy = config.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.http().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/public-api/v1"));
        CometlyExportConfig changed = config.toBuilder().maxAttempts(2).build();
        assertThat(changed.maxAttempts()).isEqualTo(2);
        assertThat(config.maxAttempts()).isEqualTo(7);
        assertThat(changed.timeout()).isEqualTo(Duration.ofMinutes(30));
    }
}
