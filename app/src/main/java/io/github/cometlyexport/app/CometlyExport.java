package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.ndjson.NdjsonShapeVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.application.AwaitExportService;
import io.github.cometlyexport.application.DownloadExportService;
import io.github.cometlyexport.application.ExportEventsService;
import io.github.cometlyexport.application.GetExportStatusService;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driving.AwaitExportUseCase;
import io.github.cometlyexport.port.driving.DownloadExportUseCase;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import io.github.cometlyexport.port.driving.GetExportStatusUseCase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The composition root: real adapters wired into the use-case services. One instance holds two pooled HTTP clients
 * (API and downloads), the Space's request budgets and, for an S3 destination, an S3 client; {@link #close()}
 * releases them.
 *
 * <pre>{@code
 * CometlyExportConfig config = CometlyExportConfig.defaults(new ApiKey(System.getenv("COMETLY_API_KEY")),
 *         "s3://my-bucket/cometly");
 * try (CometlyExport cometly = CometlyExport.create(config)) {
 *     ExportOutcome outcome = cometly.exportEvents().export(ExportEventsCommand.of(
 *             ExportRequest.builder().date("2024-01-15").build()));
 * }
 * }</pre>
 *
 * Thread-safe: the use cases can be called from many threads at once, and share the Space's request budgets.
 */
public final class CometlyExport implements AutoCloseable {
    private final CometlyExportConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StoreExportFilePort store;
    private final GetExportStatusUseCase status;
    private final AwaitExportUseCase await;
    private final DownloadExportUseCase download;
    private final ExportEventsUseCase export;

    private CometlyExport(CometlyExportConfig config, SpaceBudgets budgets, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        RandomGenerator random = new SplittableRandom();
        ExportPolicies policies = policies(config);
        try {
            CometlyHttpAdapter api = CometlyHttpAdapter.create(config.http(), budgets);
            resources.add(api);
            HttpDownloadAdapter downloads = HttpDownloadAdapter.create(config.http());
            resources.add(downloads);
            this.store = storeFor(config);
            VerifyExportLinesPort lines = config.lineCheck() == CometlyExportConfig.LineCheck.JSON
                    ? new JsonLinesVerifierAdapter() : new NdjsonShapeVerifierAdapter();
            this.status = new GetExportStatusService(api);
            this.await = new AwaitExportService(api, policies.polling(), clock, sleeper, random);
            this.download = new DownloadExportService(api, downloads, store, lines, policies, clock, sleeper, random);
            this.export = new ExportEventsService(api, api, downloads, store, lines, policies, clock, sleeper,
                    random);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Wires the exporter with budgets of its own for the Space (kept in this process, at the configured rates).
     *
     * @param config what to wire
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config) {
        return create(config, Clock.systemUTC(), Sleeper.system());
    }

    /**
     * Wires the exporter on a given clock and sleeper (a host's own, or a test's), with budgets of its own for the
     * Space at the configured rates.
     *
     * @param config  what to wire
     * @param clock   the time source: job budgets, link expiry and which days are closed
     * @param sleeper waits between polls and for the rate budgets
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config, Clock clock, Sleeper sleeper) {
        return new CometlyExport(config, SpaceBudgets.inProcess(config.statusRate(), config.createRate(),
                config.rateWindow(), clock, sleeper), clock, sleeper);
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
        return new CometlyExport(config, Objects.requireNonNull(budgets, "budgets"), Clock.systemUTC(),
                Sleeper.system());
    }

    /**
     * @param config the configuration
     * @return the policies the services are built with: the configured timeout and replacement, default downloads
     */
    private static ExportPolicies policies(CometlyExportConfig config) {
        return new ExportPolicies(PollingPolicy.defaults().withTimeout(config.timeout()),
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

    /** @return exporting a day end to end */
    public ExportEventsUseCase exportEvents() {
        return export;
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
