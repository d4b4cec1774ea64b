package io.github.cometlyexport.spring;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.CometlyExportBuilder;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires one Cometly Space from {@code cometly.export.*}: its configuration, its client ({@link CometlyExport}), the
 * tables and their runner, a run log, and, when their classes are there, meters in the application's
 * {@code MeterRegistry}, an {@code S3Client} bean for S3 tables and a health indicator. Every bean backs off when
 * the application declares its own; the application's {@link StoreExportFilePort}, {@link VerifyExportLinesPort},
 * {@code S3Client} and {@code DataSource} (with {@code cometly.export.ledger=datasource}) are given to the client.
 * Off with {@code cometly.export.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(CometlyExport.class)
@ConditionalOnProperty(prefix = "cometly.export", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CometlyExportProperties.class)
public class CometlyExportAutoConfiguration implements BeanClassLoaderAware {
    private static final String JDBC_ADAPTER = "io.github.cometlyexport.adapter.jdbc.LedgerDatabase";
    private ClassLoader classLoader = CometlyExportAutoConfiguration.class.getClassLoader();

    /** Made by Spring. */
    public CometlyExportAutoConfiguration() {
    }

    @Override
    public void setBeanClassLoader(ClassLoader value) {
        this.classLoader = value;
    }

    /** @return the system's clock and real sleeps */
    @Bean
    @ConditionalOnMissingBean
    public CometlyExportTime cometlyExportTime() {
        return CometlyExportTime.system();
    }

    /**
     * @param props the properties
     * @param store the application's own store, if any
     * @return the client's configuration, checked (every bad property named at once)
     */
    @Bean
    @ConditionalOnMissingBean
    public CometlyExportConfig cometlyExportConfig(CometlyExportProperties props,
                                                   ObjectProvider<StoreExportFilePort> store) {
        return PropertyChecks.config(props, store.getIfAvailable() != null);
    }

    /**
     * @param config      the configuration
     * @param props       the properties (the ledger's kind)
     * @param time        the clock and the waits
     * @param store       the application's own store, if any
     * @param lines       the application's own line verifier, if any
     * @param dataSources the application's {@code DataSource}, for {@code cometly.export.ledger=datasource}
     * @param customizers changes to the builder, applied last
     * @return the one client of the Space, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CometlyExport cometlyExport(CometlyExportConfig config, CometlyExportProperties props,
                                       CometlyExportTime time,
                                       ObjectProvider<StoreExportFilePort> store,
                                       ObjectProvider<VerifyExportLinesPort> lines,
                                       ObjectProvider<DataSource> dataSources,
                                       ObjectProvider<CometlyExportBuilderCustomizer> customizers) {
        if (!CometlyExportProperties.NO_LEDGER.equals(props.ledger().trim())
                && !ClassUtils.isPresent(JDBC_ADAPTER, classLoader)) {
            throw new CometlyExportPropertiesException(List.of("cometly.export.ledger needs "
                    + "io.github.cometlyexport:cometly-export-adapter-jdbc (and the database's JDBC driver) on the "
                    + "class path, or cometly.export.ledger=none"));
        }
        CometlyExportBuilder b = CometlyExport.builder(config).clock(time.clock()).sleeper(time.sleeper());
        store.ifAvailable(b::store);
        lines.ifAvailable(b::lineVerifier);
        if (CometlyExportProperties.DATASOURCE_LEDGER.equals(props.ledger().trim())) {
            DataSource ds = dataSources.getIfAvailable();
            if (ds == null) {
                throw new CometlyExportPropertiesException(List.of("cometly.export.ledger is datasource, but the "
                        + "application has no (single or primary) DataSource bean"));
            }
            b.ledger(ds);
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /**
     * @param time the clock: now is when the application started
     * @return the run log the runner writes and the health indicator reads
     */
    @Bean
    @ConditionalOnMissingBean
    public ExportRunLog cometlyExportRunLog(CometlyExportTime time) {
        return new ExportRunLog(time.clock().instant());
    }

    /**
     * @param client the client
     * @param props  the tables' properties
     * @param store  the application's own store, for a table without a destination
     * @return the configured tables
     */
    @Bean
    @ConditionalOnMissingBean
    public CometlyExportTables cometlyExportTables(CometlyExport client, CometlyExportProperties props,
                                                  ObjectProvider<StoreExportFilePort> store) {
        StoreExportFilePort hostStore = store.getIfAvailable();
        return new CometlyExportTables(client, PropertyChecks.tables(props, hostStore != null), props, hostStore);
    }

    /**
     * @param client the client
     * @param tables the tables
     * @param props  the schedule and the shutdown grace
     * @param time   the clock
     * @param log    the run log
     * @return the runner: on the schedule, and on the application's demand
     */
    @Bean
    @ConditionalOnMissingBean
    public CometlyExportRunner cometlyExportRunner(CometlyExport client, CometlyExportTables tables,
                                                  CometlyExportProperties props, CometlyExportTime time,
                                                  ExportRunLog log) {
        return new CometlyExportRunner(client, tables, props, time.clock(), log);
    }

    /** Meters in the application's registry, when Micrometer and {@code adapter-metrics} are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, MicrometerMetricsAdapter.class})
    public static class Metrics {
        /** Made by Spring. */
        public Metrics() {
        }

        /**
         * @param registry the application's registry, if it has one
         * @return gives it to the client
         */
        @Bean
        @ConditionalOnMissingBean(name = "cometlyExportMeters")
        public CometlyExportBuilderCustomizer cometlyExportMeters(ObjectProvider<MeterRegistry> registry) {
            return b -> registry.ifAvailable(b::meterRegistry);
        }
    }

    /** The application's {@code S3Client} for S3 tables, when the AWS SDK is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    public static class S3 {
        /** Made by Spring. */
        public S3() {
        }

        /**
         * @param s3 the application's S3 client, if it has one
         * @return gives it to the client
         */
        @Bean
        @ConditionalOnMissingBean(name = "cometlyExportS3Client")
        public CometlyExportBuilderCustomizer cometlyExportS3Client(ObjectProvider<S3Client> s3) {
            return b -> s3.ifAvailable(b::s3Client);
        }
    }

    /** The health indicator, when Spring Boot's health module (Actuator) is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    public static class Health {
        /** Made by Spring. */
        public Health() {
        }

        /**
         * @param client the client
         * @param tables the tables
         * @param log    the run log
         * @param props  the health threshold
         * @param time   the clock
         * @return the indicator, named {@code cometlyExport} in the health endpoint
         */
        @Bean
        @ConditionalOnMissingBean(name = "cometlyExportHealthIndicator")
        public HealthIndicator cometlyExportHealthIndicator(CometlyExport client, CometlyExportTables tables,
                                                            ExportRunLog log, CometlyExportProperties props,
                                                            CometlyExportTime time) {
            return new CometlyExportHealthIndicator(client, tables, log, props.health().maxAge(), time.clock());
        }
    }
}
