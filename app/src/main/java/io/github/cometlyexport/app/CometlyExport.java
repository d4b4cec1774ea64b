package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.ndjson.NdjsonShapeVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.application.AwaitExportService;
import io.github.cometlyexport.application.DownloadExportService;
import io.github.cometlyexport.application.ExportDaysService;
import io.github.cometlyexport.application.ExportEventsService;
import io.github.cometlyexport.application.GetExportStatusService;
import io.github.cometlyexport.application.LedgerScope;
import io.github.cometlyexport.domain.DayKey;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.driven.RecordApiRequestsPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driving.AwaitExportUseCase;
import io.github.cometlyexport.port.driving.DownloadExportUseCase;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import io.github.cometlyexport.port.driving.GetExportStatusUseCase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: real adapters wired into the use-case services. One instance holds two pooled HTTP clients
 * (API and downloads), the Space's request budgets, the ledger (when configured) and, for an S3 destination, an S3
 * client; {@link #close()} releases them.
 *
 * <pre>{@code
 * CometlyExportConfig config = CometlyExportConfig.defaults(new ApiKey(System.getenv("COMETLY_API_KEY")),
 *         "s3://my-bucket/cometly");
 * try (CometlyExport cometly = CometlyExport.builder(config).ledger(myDataSource).build()) {
 *     ExportOutcome outcome = cometly.exportEvents().export(ExportEventsCommand.of(
 *             ExportRequest.builder().date("2024-01-15").build()));
 * }
 * }</pre>
 *
 * With a ledger (a host's {@link DataSource}, or {@link CometlyExportConfig#ledger()}'s URL) every process that shares
 * it keeps the Space's request budgets together, never works a day another is working, and resumes the jobs of
 * processes that died. Thread-safe: the use cases can be called from many threads at once, and share the Space's
 * request budgets.
 */
public final class CometlyExport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CometlyExport.class);
    private final CometlyExportConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StoreExportFilePort store;
    private final TrackExportDaysPort ledger;
    private final GetExportStatusUseCase status;
    private final AwaitExportUseCase await;
    private final DownloadExportUseCase download;
    private final ExportEventsUseCase export;
    private final ExportDaysUseCase days;
    private final MicrometerMetricsAdapter metrics;

    /** @param b what to wire; see {@link #builder} */
    CometlyExport(CometlyExportBuilder b) {
        this.config = b.config;
        RandomGenerator random = new SplittableRandom();
        ExportPolicies policies = policies(config, b.polling);
        try {
            LedgerDatabase db = ledgerDatabase(b);
            String space = DayKey.space(config.http().baseUrl().toString(), config.http().apiKey());
            SpaceBudgets budgets = Budgets.of(b, db, space);
            if (db != null) {
                JdbcLedgerAdapter jdbc = new JdbcLedgerAdapter(db, config.leaseTtl(), b.sleeper);
                resources.add(jdbc);
                this.ledger = jdbc;
                LOG.debug("ledger {} (this process: {})", db.describe(), jdbc.holder());
            } else {
                this.ledger = TrackExportDaysPort.none();
            }
            this.metrics = b.registry == null ? null : new MicrometerMetricsAdapter(b.registry, b.clock);
            CometlyHttpAdapter api = CometlyHttpAdapter.create(config.http(), budgets,
                    metrics == null ? RecordApiRequestsPort.NONE : metrics);
            resources.add(api);
            HttpDownloadAdapter downloads = HttpDownloadAdapter.create(config.http());
            resources.add(downloads);
            this.store = storeFor(config);
            VerifyExportLinesPort lines = config.lineCheck() == CometlyExportConfig.LineCheck.JSON
                    ? new JsonLinesVerifierAdapter() : new NdjsonShapeVerifierAdapter();
            this.status = new GetExportStatusService(api);
            this.await = new AwaitExportService(api, policies.polling(), b.clock, b.sleeper, random);
            this.download = new DownloadExportService(api, downloads, store, lines, policies, b.clock, b.sleeper,
                    random);
            PipelinePolicy pipeline = b.pipeline.withStatusBudget(config.rateWindow().multipliedBy(105).dividedBy(100),
                    config.statusRate()).withHeldRetry(heldRetry(config.leaseTtl()));
            ExportDaysUseCase service = new ExportDaysService(api, api, downloads, store, lines, policies, pipeline,
                    b.clock, b.sleeper, random, new LedgerScope(ledger, space, store.location()),
                    b.threads != null ? b.threads : ExportDaysService.daemonThreads());
            this.days = metrics == null ? service : new MeteredExportDays(service, metrics);
            this.export = new ExportEventsService(days, policies);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * @return how long to wait before asking again for a day another process holds: a quarter of a lease, at most
     *         1 s (soon after the holder stores the day or gives it up, and soon after its lease expires if it died;
     *         each ask is one ledger transaction and one manifest read)
     */
    static Duration heldRetry(Duration leaseTtl) {
        Duration quarter = leaseTtl.dividedBy(4);
        Duration most = Duration.ofSeconds(1);
        return quarter.compareTo(most) > 0 ? most : quarter.isZero() ? Duration.ofMillis(1) : quarter;
    }

    private LedgerDatabase ledgerDatabase(CometlyExportBuilder b) {
        LedgerDatabase db = b.dataSource != null ? LedgerDatabase.of(b.dataSource, b.clock)
                : config.hasLedger() ? LedgerDatabase.open(config.ledger(), b.environment, b.clock) : null;
        if (db != null) {
            resources.add(db);
        }
        return db;
    }

    /**
     * @param config what to wire
     * @return a builder for an exporter of that configuration: the system clock and sleeper, the configured ledger,
     *         budgets of its own (shared through the ledger when there is one)
     */
    public static CometlyExportBuilder builder(CometlyExportConfig config) {
        return new CometlyExportBuilder(config);
    }

    /**
     * Wires the exporter with budgets of its own for the Space (kept in this process, at the configured rates, or
     * in the configured ledger).
     *
     * @param config what to wire
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config) {
        return builder(config).build();
    }

    /**
     * Wires the exporter on a given clock and sleeper (a host's own, or a test's).
     *
     * @param config  what to wire
     * @param clock   the time source: job budgets, link expiry, which days are closed, an SQLite ledger's leases
     * @param sleeper waits between polls and for the rate budgets
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config, Clock clock, Sleeper sleeper) {
        return builder(config).clock(clock).sleeper(sleeper).build();
    }

    /**
     * Wires the exporter with the Space's budgets given: pass the same budgets to every exporter and adapter of
     * one Space in this process so that they keep its limits together.
     *
     * @param config  what to wire
     * @param budgets the Space's request budgets
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config, SpaceBudgets budgets) {
        return builder(config).budgets(Objects.requireNonNull(budgets, "budgets")).build();
    }

    /**
     * @param config the configuration
     * @param polling the host's polling policy, or {@code null} for the defaults
     * @return the policies the services are built with: the configured timeout and replacement, default downloads
     */
    private static ExportPolicies policies(CometlyExportConfig config, PollingPolicy polling) {
        return new ExportPolicies((polling == null ? PollingPolicy.defaults() : polling).withTimeout(config.timeout()),
                new ReplacementPolicy(config.maxAttempts(), config.replacePause()), DownloadPolicy.defaults(),
                config.closure());
    }

    private StoreExportFilePort storeFor(CometlyExportConfig c) {
        if (c.isS3()) {
            S3StorageAdapter s3 = S3StorageAdapter.create(S3Location.parse(c.destination()), c.s3Endpoint(),
                    c.s3PathStyle(), c.format());
            resources.add(s3);
            return s3;
        }
        return new LocalFileStorageAdapter(Path.of(c.destination()), c.format());
    }

    /** @return one status request */
    public GetExportStatusUseCase status() {
        return status;
    }

    /** @return polling until terminal */
    public AwaitExportUseCase await() {
        return await;
    }

    /** @return downloading an existing job */
    public DownloadExportUseCase download() {
        return download;
    }

    /**
     * @return exporting a range of days of one table as fast as the Space's limits allow (one result per day); the
     *         backfill of the CLI, and what a host runs nightly
     */
    public ExportDaysUseCase exportDays() {
        return days;
    }

    /** @return exporting a day end to end (the one-day case of {@link #exportDays()}) */
    public ExportEventsUseCase exportEvents() {
        return export;
    }

    /** @return the metrics, when a registry was given */
    public Optional<MicrometerMetricsAdapter> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** @return the ledger ({@link TrackExportDaysPort#none()} when there is none) */
    public TrackExportDaysPort ledger() {
        return ledger;
    }

    /** @return the store the destination names */
    public StoreExportFilePort store() {
        return store;
    }

    /** @return the configuration */
    public CometlyExportConfig config() {
        return config;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // Closing is best effort; one failure must not keep the others open.
            }
        }
        resources.clear();
    }
}
