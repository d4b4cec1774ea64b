package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.http.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.application.AwaitExportService;
import io.github.cometlyexport.application.DownloadExportService;
import io.github.cometlyexport.application.ExportEventsService;
import io.github.cometlyexport.application.GetExportStatusService;
import io.github.cometlyexport.application.NdjsonShapeVerifier;
import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.domain.ReplacementPolicy;
import io.github.cometlyexport.port.in.AwaitExportUseCase;
import io.github.cometlyexport.port.in.DownloadExportUseCase;
import io.github.cometlyexport.port.in.ExportEventsUseCase;
import io.github.cometlyexport.port.in.GetExportStatusUseCase;
import io.github.cometlyexport.port.out.Sleeper;
import io.github.cometlyexport.port.out.StoreExportFilePort;
import io.github.cometlyexport.port.out.VerifyExportLinesPort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The composition root: real adapters wired into the use-case services. One instance holds two pooled HTTP clients
 * (API and downloads) and, for an S3 destination, an S3 client; {@link #close()} releases them.
 *
 * <pre>{@code
 * CometlyExportConfig config = CometlyExportConfig.defaults(new ApiKey(System.getenv("COMETLY_API_KEY")),
 *         "s3://my-bucket/cometly");
 * try (CometlyExport cometly = CometlyExport.create(config)) {
 *     ExportOutcome outcome = cometly.exportEvents().export(cometly.exportCommand(
 *             ExportRequest.builder().date("2024-01-15").build()));
 * }
 * }</pre>
 *
 * Thread-safe: the use cases can be called from many threads at once, and share the Space's rate budgets.
 */
public final class CometlyExport implements AutoCloseable {
    private final CometlyExportConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StoreExportFilePort store;
    private final GetExportStatusUseCase status;
    private final AwaitExportUseCase await;
    private final DownloadExportUseCase download;
    private final ExportEventsUseCase export;

    private CometlyExport(CometlyExportConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.system();
        RandomGenerator random = new SplittableRandom();
        try {
            CometlyHttpAdapter api = CometlyHttpAdapter.create(config.http());
            resources.add(api);
            HttpDownloadAdapter downloads = HttpDownloadAdapter.create(config.http());
            resources.add(downloads);
            this.store = storeFor(config);
            VerifyExportLinesPort lines = config.lineCheck() == CometlyExportConfig.LineCheck.JSON
                    ? new JsonLinesVerifierAdapter() : new NdjsonShapeVerifier();
            this.status = new GetExportStatusService(api);
            this.await = new AwaitExportService(api, clock, sleeper, random);
            this.download = new DownloadExportService(api, downloads, store, lines, clock, sleeper, random);
            this.export = new ExportEventsService(api, api, downloads, store, lines, clock, sleeper, random);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * @param config what to wire
     * @return the wired exporter; close it when done
     */
    public static CometlyExport create(CometlyExportConfig config) {
        return new CometlyExport(config);
    }

    private StoreExportFilePort storeFor(CometlyExportConfig c) {
        if (c.isS3()) {
            S3StorageAdapter s3 = S3StorageAdapter.create(S3Location.parse(c.destination()), c.s3Endpoint(),
                    c.s3PathStyle());
            resources.add(s3);
            return s3;
        }
        return new LocalFileStorageAdapter(Path.of(c.destination()));
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

    /** @return the polling policy with this configuration's timeout */
    public PollingPolicy pollingPolicy() {
        return PollingPolicy.defaults().withTimeout(config.timeout());
    }

    /** @return the replacement policy with this configuration's attempt limit */
    public ReplacementPolicy replacementPolicy() {
        return new ReplacementPolicy(config.maxAttempts(), config.replacePause());
    }

    /** @return the download policy */
    public DownloadPolicy downloadPolicy() {
        return DownloadPolicy.defaults();
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
