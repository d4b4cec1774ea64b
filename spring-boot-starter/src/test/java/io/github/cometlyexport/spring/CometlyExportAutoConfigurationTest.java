package io.github.cometlyexport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.testing.SteppingClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.sqlite.SQLiteDataSource;

/**
 * The auto-configuration's beans per property and per class on the class path, a host's beans replacing ours, and
 * start-up failures that name the property and never echo the key. No request is sent: wiring a client sends none.
 */
class CometlyExportAutoConfigurationTest {
    private static final String KEY = "ctx_secret_key_9d2e71";

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CometlyExportAutoConfiguration.class))
                .withPropertyValues("cometly.export.api-key=" + KEY, "cometly.export.base-url=http://127.0.0.1:9/v1",
                        "cometly.export.tables.events.destination=" + dir.resolve("out"));
    }

    @Test
    void givenAKeyAndATable_whenStarted_thenTheClientItsTableTheRunnerAndTheHealthAreThere() {
        runner().withPropertyValues("cometly.export.space-zone=America/New_York", "cometly.export.status-rate=12",
                "cometly.export.verify=shape", "cometly.export.format=ndjson",
                "cometly.export.tables.contacts.destination=" + dir.resolve("c"),
                "cometly.export.tables.contacts.dataset=contacts",
                "cometly.export.tables.contacts.include-comet-tokens=true").run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(CometlyExport.class)
                            .hasSingleBean(CometlyExportRunner.class).hasBean("cometlyExportHealthIndicator");
                    CometlyExportConfig config = ctx.getBean(CometlyExportConfig.class);
                    assertThat(config.closure().zone()).isEqualTo(ZoneId.of("America/New_York"));
                    assertThat(config.statusRate()).isEqualTo(12);
                    assertThat(config.lineCheck()).isEqualTo(CometlyExportConfig.LineCheck.SHAPE);
                    assertThat(config.hasLedger()).isFalse();
                    CometlyExportTables tables = ctx.getBean(CometlyExportTables.class);
                    assertThat(tables.all()).containsOnlyKeys("events", "contacts");
                    assertThat(tables.get("events").table().store().format()).isEqualTo(StoredFormat.NDJSON);
                    assertThat(tables.get("events").table().location()).endsWith("out");
                    assertThat(tables.get("contacts").definition().dataset()).isEqualTo(Dataset.CONTACTS);
                    assertThat(tables.get("contacts").definition().includeCometTokens()).isTrue();
                    assertThat(ctx.getBean(CometlyExport.class).metrics()).as("no registry, no meters").isEmpty();
                });
    }

    @Test
    void givenNoKey_whenStarted_thenItFailsNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CometlyExportAutoConfiguration.class))
                .withPropertyValues("cometly.export.tables.events.destination=" + dir).run(ctx ->
                        assertThat(ctx).getFailure().rootCause().hasMessageContaining("cometly.export.api-key is not set"));
    }

    @Test
    void givenAMalformedKeyAndOtherBadProperties_whenStarted_thenEveryOneIsNamedAndTheKeyNeverShown() {
        String badKey = "sec ret_part_4411";
        runner().withPropertyValues("cometly.export.api-key=" + badKey, "cometly.export.status-rate=0",
                "cometly.export.ledger=mysql", "cometly.export.schedule.cron=every night",
                "cometly.export.tables.orders.destination=" + dir, "cometly.export.tables.orders.dataset=orders",
                "cometly.export.tables.contacts.destination=" + dir, "cometly.export.tables.contacts.dataset=contacts",
                "cometly.export.tables.contacts.event-names=purchase").run(ctx -> {
                    Throwable root = ctx.getStartupFailure();
                    assertThat(ctx).hasFailed();
                    String all = messages(root);
                    assertThat(all).contains("cometly.export.api-key is not a key", "cometly.export.status-rate",
                            "cometly.export.ledger", "cometly.export.schedule.cron",
                            "cometly.export.tables.orders.dataset", "cometly.export.tables.contacts.event-names")
                            .doesNotContain("ret_part_4411").doesNotContain(KEY);
                });
    }

    @Test
    void givenFormatParquetWithoutTheParquetAdapter_whenStarted_thenItFailsNamingThePropertyAndTheArtifact() {
        assertThat(PropertyChecks.onClassPath(PropertyChecks.PARQUET_ADAPTER))
                .as("the starter's tests run without adapter-parquet").isFalse();
        runner().withPropertyValues("cometly.export.format=parquet").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains("cometly.export.format parquet needs "
                    + "io.github.cometlyexport:cometly-export-adapter-parquet");
        });
    }

    @Test
    void givenADurationThatIsNoDuration_whenStarted_thenSpringNamesTheProperty() {
        runner().withPropertyValues("cometly.export.settle=two hours").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("cometly.export.settle").doesNotContain(KEY));
    }

    @Test
    void givenEnabledFalse_whenStarted_thenNothingIsWired() {
        runner().withPropertyValues("cometly.export.enabled=false").run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean(CometlyExport.class)
                        .doesNotHaveBean(CometlyExportRunner.class));
    }

    @Test
    void givenAMeterRegistry_whenStarted_thenTheClientMetersIntoIt() {
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            assertThat(ctx.getBean(CometlyExport.class).metrics()).isPresent();
            assertThat(ctx).hasBean("cometlyExportMeters");
        });
    }

    @Test
    void givenNoMicrometerOrNoMetricsAdapter_whenStarted_thenNoMetersAndStillAClient() {
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(ctx -> {
                    assertThat(ctx).hasNotFailed().doesNotHaveBean("cometlyExportMeters");
                    assertThat(ctx.getBean(CometlyExport.class).metrics()).isEmpty();
                });
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MicrometerMetricsAdapter.class)).run(ctx ->
                        assertThat(ctx.getBean(CometlyExport.class).metrics()).isEmpty());
    }

    @Test
    void givenNoActuatorHealth_whenStarted_thenNoIndicatorAndStillAClient() {
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(ctx ->
                assertThat(ctx).hasNotFailed().hasSingleBean(CometlyExport.class)
                        .doesNotHaveBean("cometlyExportHealthIndicator"));
    }

    @Test
    void givenTheDataSourceLedger_whenJdbcIsMissingOrThereIsNoDataSource_thenItFailsNamingWhatIsMissing() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("ledger.db"));
        runner().withPropertyValues("cometly.export.ledger=datasource").withBean(DataSource.class, () -> sqlite)
                .withClassLoader(new FilteredClassLoader("io.github.cometlyexport.adapter.jdbc")).run(ctx ->
                        assertThat(messages(ctx.getStartupFailure())).contains("cometly-export-adapter-jdbc"));
        runner().withPropertyValues("cometly.export.ledger=datasource").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("cometly.export.ledger is datasource")
                        .contains("no (single or primary) DataSource"));
        runner().withClassLoader(new FilteredClassLoader("io.github.cometlyexport.adapter.jdbc")).run(ctx ->
                assertThat(ctx).as("no ledger needs no JDBC").hasNotFailed().hasSingleBean(CometlyExport.class));
        runner().withPropertyValues("cometly.export.ledger=datasource").withBean(DataSource.class, () -> sqlite)
                .run(ctx -> assertThat(ctx.getBean(CometlyExport.class).ledger().describe()).contains("sqlite"));
    }

    @Test
    void givenTheHostsOwnBeans_whenStarted_thenTheyReplaceOurs() {
        LocalFileStorageAdapter hostStore = new LocalFileStorageAdapter(dir.resolve("host"));
        Clock fixed = Clock.fixed(Instant.parse("2024-01-16T12:00:00Z"), ZoneOffset.UTC);
        HealthIndicator hostHealth = () -> Health.outOfService().build();
        runner().withPropertyValues("cometly.export.tables.mine.dataset=events")
                .withBean(StoreExportFilePort.class, () -> hostStore)
                .withBean(CometlyExportTime.class, () -> new CometlyExportTime(fixed, d -> { }))
                .withBean("cometlyExportHealthIndicator", HealthIndicator.class, () -> hostHealth).run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(CometlyExportTables.class).get("mine").table().store()).isSameAs(hostStore);
                    assertThat(ctx.getBean(ExportRunLog.class).started()).isEqualTo(fixed.instant());
                    assertThat(ctx).as("no Clock bean to make a host's own ambiguous").doesNotHaveBean(Clock.class);
                    assertThat(ctx.getBean("cometlyExportHealthIndicator", HealthIndicator.class).health().getStatus())
                            .isEqualTo(Status.OUT_OF_SERVICE);
                });
        runner().withPropertyValues("cometly.export.tables.mine.dataset=events").run(ctx ->
                assertThat(messages(ctx.getStartupFailure())).contains("cometly.export.tables.mine.destination"));
    }

    @Test
    void givenNoSuccessForLongerThanMaxAge_whenHealthIsAsked_thenTheTableIsDownAndNoSecretIsInTheDetails() {
        SteppingClock clock = new SteppingClock(Instant.parse("2024-01-16T12:00:00Z"));
        runner().withPropertyValues("cometly.export.health.max-age=6h")
                .withBean(CometlyExportTime.class, () -> new CometlyExportTime(clock, d -> { })).run(ctx -> {
                    HealthIndicator health = ctx.getBean("cometlyExportHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).as("just started").isEqualTo(Status.UP);

                    clock.advance(Duration.ofHours(6).plusSeconds(1));
                    Health stale = health.health();

                    assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(stale.getDetails().get("tables").toString()).contains("events", "DOWN", "age=PT6H1S")
                            .doesNotContain(KEY);
                    assertThat(stale.getDetails()).containsEntry("ledger", "none");
                });
    }

    @Test
    void givenAHostsOwnClient_whenStarted_thenOursBacksOffAndItsTablesUseIt() {
        CometlyExportConfig config = CometlyExportConfig.builder(new io.github.cometlyexport.domain.ApiKey(KEY))
                .timeout(Duration.ofMinutes(7)).build();
        runner().withBean(CometlyExport.class, () -> CometlyExport.create(config)).run(ctx -> {
            assertThat(ctx).hasSingleBean(CometlyExport.class);
            assertThat(ctx.getBean(CometlyExport.class).config().timeout()).isEqualTo(Duration.ofMinutes(7));
        });
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
