package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.ndjson.NdjsonShapeVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
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
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.RecordApiRequestsPort;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driving.AwaitExportUseCase;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import io.github.cometlyexport.port.driving.GetExportStatusUseCase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;

/**
 * The client of one Cometly Space, built once per Space and process ({@link #builder}): it owns the HTTP pools,
 * the Space's request budgets and the ledger, and hands out tables, one per destination, that all share them. Any
 * number of tables (events to S3, contacts to a folder, a host's own store) thus keep the Space at one budget.
 *
 * <pre>{@code
 * CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(System.getenv("COMETLY_API_KEY"))).build();
 * try (CometlyExport cometly = CometlyExport.builder(config).ledger(myDataSource).build()) {
 *     ExportTable table = cometly.table("s3://my-bucket/cometly");
 *     List<DayResult> days = table.exportDays().exportDays(ExportDaysCommand.range(
 *             TableDefinition.of(Dataset.EVENTS), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)));
 * }
 * }</pre>
 *
 * With a ledger (a host's {@code DataSource}, or {@link CometlyExportConfig#ledger()}'s URL) every process that shares
 * it keeps the Space's budgets together, never works a day another is working, and resumes the jobs of processes
 * that died. Thread-safe: tables and use cases can be used from many threads at once. {@link #close()} closes what
 * the client made (its HTTP clients, its S3 client, the ledger pool it opened), never what it was given.
 */
public final class CometlyExport implements AutoCloseable {
    private final CometlyExportConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<Object, ExportTable> tables = new HashMap<>();
    private final Clock clock;
    private final Sleeper sleeper;
    private final ThreadFactory threads;
    private final RandomGenerator random = new SplittableRandom();
    private final ExportPolicies policies;
    private final PipelinePolicy pipeline;
    private final String space;
    private final TrackExportDaysPort ledger;
    private final MicrometerMetricsAdapter metrics;
    private final CometlyHttpAdapter api;
    private final HttpDownloadAdapter downloads;
    private final VerifyExportLinesPort lines;
    private final GetExportStatusUseCase status;
    private final AwaitExportUseCase await;
    private final StoreExportFilePort givenStore;
    private final S3Stores s3;
    private boolean closed;

    /** @param b what to wire; see {@link #builder} */
    CometlyExport(CometlyExportBuilder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.threads = b.threads != null ? b.threads : ExportDaysService.daemonThreads();
        this.policies = policies(config, b.polling);
        this.givenStore = b.store;
        this.space = DayKey.space(config.http().baseUrl().toString(), config.http().apiKey());
        this.pipeline = b.pipeline.withStatusBudget(config.rateWindow().multipliedBy(105).dividedBy(100),
                config.statusRate()).withHeldRetry(heldRetry(config.leaseTtl()));
        try {
            Ledgers.Ledger opened = Ledgers.open(b, space);
            resources.addAll(opened.resources());
            this.ledger = opened.ledger();
            SpaceBudgets budgets = Budgets.of(b, opened.budgets());
            this.metrics = metering(b);
            RecordApiRequestsPort requests = metrics == null ? RecordApiRequestsPort.NONE : metrics;
            if (b.httpClient != null) {
                this.api = CometlyHttpAdapter.over(b.httpClient, config.http(), budgets, requests);
                this.downloads = new HttpDownloadAdapter(b.httpClient);
            } else {
                this.api = CometlyHttpAdapter.create(config.http(), budgets, requests);
                resources.add(api);
                this.downloads = HttpDownloadAdapter.create(config.http());
            }
            resources.add(downloads);
            this.lines = b.lineVerifier != null ? b.lineVerifier
                    : config.lineCheck() == CometlyExportConfig.LineCheck.JSON ? new JsonLinesVerifierAdapter()
                    : new NdjsonShapeVerifierAdapter();
            this.status = new GetExportStatusService(api);
            this.await = new AwaitExportService(api, policies.polling(), clock, sleeper, random);
            // Loads no AWS class until an s3:// table is taken: the SDK is optional.
            this.s3 = new S3Stores(config, b.s3Client);
            resources.add(s3);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static MicrometerMetricsAdapter metering(CometlyExportBuilder b) {
        if (b.registry == null) {
            return null;
        }
        try {
            return new MicrometerMetricsAdapter(b.registry, b.clock);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("meters need io.github.cometlyexport:cometly-export-adapter-metrics on "
                    + "the class path", e);
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

    /**
     * @param config how the client behaves
     * @return a builder for the Space's client: the system clock and sleeper, the configured ledger, budgets of
     *         its own (shared through the ledger when there is one), no store of its own
     */
    public static CometlyExportBuilder builder(CometlyExportConfig config) {
        return new CometlyExportBuilder(config);
    }

    /**
     * @param config how the client behaves
     * @return the client with every default; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config) {
        return builder(config).build();
    }

    private static ExportPolicies policies(CometlyExportConfig config, PollingPolicy polling) {
        return new ExportPolicies((polling == null ? PollingPolicy.defaults() : polling).withTimeout(config.timeout()),
                new ReplacementPolicy(config.maxAttempts(), config.replacePause()), DownloadPolicy.defaults(),
                config.closure());
    }

    /**
     * @param destination a local folder, or {@code s3://bucket/prefix} (the AWS SDK's {@code s3} and
     *                    {@code apache5-client} on the class path)
     * @return the table of files kept as downloaded (gzip) there; the same handle for the same destination
     * @throws IllegalArgumentException if the destination is empty or not a valid S3 location
     * @throws IllegalStateException    if the client is closed, or an S3 destination lacks the AWS SDK
     */
    public ExportTable table(String destination) {
        return table(destination, StoredFormat.GZIP);
    }

    /**
     * @param destination a local folder, or {@code s3://bucket/prefix}
     * @param format      how files are kept: as downloaded (gzip), decompressed, or Parquet (with adapter-parquet)
     * @return the table there; the same handle for the same destination and format
     * @throws IllegalArgumentException if the destination is empty or not a valid S3 location
     * @throws IllegalStateException    if the client is closed, or the AWS SDK or Parquet adapter needed is missing
     */
    public synchronized ExportTable table(String destination, StoredFormat format) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(format, "format");
        if (destination.isBlank()) {
            throw new IllegalArgumentException("the destination must not be empty");
        }
        String key = format + " " + destination;
        ExportTable known = tables.get(key);
        if (known != null) {
            return known;
        }
        ExportTable made = newTable(storeFor(destination, format));
        tables.put(key, made);
        return made;
    }

    /**
     * @param store a host's own store (held to {@link StoreExportFilePort}'s promises), or one of ours built by hand
     * @return its table; the same handle for the same store. The client never closes the store
     * @throws IllegalStateException if the client is closed, or a Parquet store lacks the Parquet adapter
     */
    public synchronized ExportTable table(StoreExportFilePort store) {
        Objects.requireNonNull(store, "store");
        ExportTable known = tables.get(store);
        if (known != null) {
            return known;
        }
        ExportTable made = newTable(store);
        tables.put(store, made);
        return made;
    }

    /**
     * @return the table of the store given to {@link CometlyExportBuilder#store}
     * @throws IllegalStateException if the builder was given no store
     */
    public ExportTable table() {
        if (givenStore == null) {
            throw new IllegalStateException("no store was given to the builder: call CometlyExportBuilder.store, "
                    + "or take a table by destination (table(\"s3://bucket/prefix\") or table(\"/data/cometly\"))");
        }
        return table(givenStore);
    }

    private StoreExportFilePort storeFor(String destination, StoredFormat format) {
        if (!destination.startsWith("s3://")) {
            return new LocalFileStorageAdapter(Path.of(destination), format);
        }
        try {
            return s3.store(destination, format);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(S3Stores.MISSING, e);
        }
    }

    private ExportTable newTable(StoreExportFilePort store) {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        var convert = Converters.forFormat(store.format()); // null when the store keeps the lines themselves
        DownloadExportService download = new DownloadExportService(api, downloads, store, lines, convert, policies,
                clock, sleeper, random);
        ExportDaysUseCase service = new ExportDaysService(api, api, downloads, store, lines, convert, policies,
                pipeline, clock, sleeper, random, new LedgerScope(ledger, space, store.location()), threads);
        ExportDaysUseCase days = metrics == null ? service : new MeteredExportDays(service, metrics);
        return new ExportTable(store, days, new ExportEventsService(days, policies), download);
    }

    /** @return one status request for a job (any table's: a job belongs to the Space) */
    public GetExportStatusUseCase status() {
        return status;
    }

    /** @return polling a job until it is terminal */
    public AwaitExportUseCase await() {
        return await;
    }

    /** @return the metrics, when a registry was given */
    public Optional<MicrometerMetricsAdapter> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** @return the ledger ({@link TrackExportDaysPort#none()} when there is none) */
    public TrackExportDaysPort ledger() {
        return ledger;
    }

    /** @return the configuration */
    public CometlyExportConfig config() {
        return config;
    }

    /** Closes what the client made, last to first; what the host gave stays open. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // Closing is best effort; one failure must not keep the others open.
            }
        }
        resources.clear();
        tables.clear();
        closed = true;
    }
}
