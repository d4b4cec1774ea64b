package io.github.cometlyexport.adapter.metrics;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.RecordApiRequestsPort;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exports' metrics in a Micrometer {@link MeterRegistry} (a host's own, or the CLI's Prometheus registry). Names as
 * Prometheus shows them:
 * <ul>
 *   <li>{@code cometly_export_requests_total{endpoint,status}}: API requests by path template and HTTP status
 *       ({@code 0}: no answer); {@code cometly_export_rate_limited_total{endpoint}}: of them, the 429s;</li>
 *   <li>{@code cometly_export_budget_wait_seconds{kind}}: how long requests waited for the Space's budget;</li>
 *   <li>{@code cometly_export_job_polls{dataset}}: status requests per finished job;
 *       {@code cometly_export_job_seconds{dataset,phase}}: time queued and processing, as observed;</li>
 *   <li>{@code cometly_export_downloaded_bytes_total}, {@code cometly_export_stored_bytes_total{dataset}},
 *       {@code cometly_export_verified_lines_total{dataset}};</li>
 *   <li>{@code cometly_export_day_results_total{dataset,result}}: days stored, skipped, open, held (by another
 *       process for as long as the run waited) or failed (a job that failed, timed out, or any error);</li>
 *   <li>{@code cometly_export_last_success_timestamp_seconds{dataset}}: when a day was last stored (or found stored)
 *       — the one to alert on;</li>
 *   <li>{@code cometly_export_runs_total{command,result}}: runs that ended ok or failed.</li>
 * </ul>
 * Tags hold path templates, dataset names and results only: never a key, an id, a URL query or a signature.
 * Thread-safe.
 */
public final class MicrometerMetricsAdapter implements RecordApiRequestsPort, ExportProgressListener {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<ExportJobId, Job> jobs = new ConcurrentHashMap<>();
    private final Map<ExportJobId, Long> downloaded = new ConcurrentHashMap<>();
    /** Looked up once: progress arrives for every buffer of a download. */
    private final Counter downloadedBytes;

    /** What was observed of one job while it was awaited. */
    private static final class Job {
        private int polls;
        private Instant firstProcessing;
    }

    /**
     * @param registry where the meters go
     * @param clock    the time source of the last-success timestamp and of job phases
     */
    public MicrometerMetricsAdapter(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.downloadedBytes = Counter.builder("cometly.export.downloaded").baseUnit("bytes")
                .description("bytes downloaded").register(registry);
    }

    @Override
    public void answered(String endpoint, int status, Duration took) {
        Counter.builder("cometly.export.requests").description("API requests by endpoint and HTTP status")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status)).register(registry).increment();
        if (status == 429) {
            Counter.builder("cometly.export.rate.limited").description("API requests answered 429")
                    .tag("endpoint", endpoint).register(registry).increment();
        }
    }

    @Override
    public void waitedForBudget(String kind, Duration waited) {
        Timer.builder("cometly.export.budget.wait").description("time requests waited for the Space's budget")
                .tag("kind", kind).register(registry).record(waited);
    }

    @Override
    public void statusObserved(ExportJob job, Duration nextPoll) {
        Job seen = jobs.computeIfAbsent(job.id(), id -> new Job());
        Instant now = clock.instant();
        synchronized (seen) {
            seen.polls++;
            if (job.kind() == ExportJob.Kind.PROCESSING && seen.firstProcessing == null) {
                seen.firstProcessing = now;
            }
        }
        if (!job.kind().isTerminal()) {
            return;
        }
        jobs.remove(job.id());
        String dataset = job.id().dataset().wireName();
        DistributionSummary.builder("cometly.export.job.polls").description("status requests per finished job")
                .tag("dataset", dataset).register(registry).record(seen.polls);
        Instant processingFrom = seen.firstProcessing != null ? seen.firstProcessing : now;
        phase(dataset, "queued", Duration.between(job.createdAt(), processingFrom));
        phase(dataset, "processing", Duration.between(processingFrom, now));
    }

    private void phase(String dataset, String phase, Duration took) {
        Timer.builder("cometly.export.job").description("time a job spent queued and processing, as observed")
                .tag("dataset", dataset).tag("phase", phase).register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void downloadProgress(ExportJobId id, long bytes, long totalLength) {
        long before = downloaded.getOrDefault(id, 0L);
        downloaded.put(id, bytes);
        if (bytes > before) {
            downloadedBytes.increment(bytes - before);
        }
    }

    /**
     * A day is in the store: exported now, or found stored and verified.
     *
     * @param stored  what is stored
     * @param skipped whether it was found stored (nothing downloaded)
     */
    public void dayStored(StoredExport stored, boolean skipped) {
        Dataset dataset = stored.manifest().exportId().dataset();
        downloaded.remove(stored.manifest().exportId());
        if (!skipped) {
            Counter.builder("cometly.export.stored").baseUnit("bytes").description("bytes stored")
                    .tag("dataset", dataset.wireName()).register(registry).increment(stored.manifest().bytes());
            Counter.builder("cometly.export.verified.lines").description("lines verified and stored")
                    .tag("dataset", dataset.wireName()).register(registry).increment(stored.manifest().events());
        }
        day(dataset, skipped ? "skipped" : "stored");
        lastSuccess(dataset).accumulateAndGet(clock.instant().getEpochSecond(), Math::max);
    }

    /**
     * A day that was not stored.
     *
     * @param dataset the dataset
     * @param result  {@code open} (not closed yet) or {@code failed} (failed, timed out, refused, broken)
     */
    public void dayNotStored(Dataset dataset, String result) {
        day(dataset, result);
    }

    private void day(Dataset dataset, String result) {
        // Not "cometly.export.days": Prometheus reads a name ending in _days as a unit (promtool: use "seconds").
        Counter.builder("cometly.export.day.results").description("days by result").tag("dataset", dataset.wireName())
                .tag("result", result).register(registry).increment();
    }

    /**
     * A day of a days run has its result: counted by result ({@code stored}, {@code skipped}, {@code open},
     * {@code held}, {@code failed}); a stored or skipped day is a success.
     *
     * @param dataset the run's dataset
     * @param result  how the day ended
     */
    public void dayFinished(Dataset dataset, DayResult result) {
        if (result instanceof DayResult.Stored stored) {
            dayStored(stored.stored(), false);
        } else if (result instanceof DayResult.Skipped skipped) {
            dayStored(skipped.stored(), true);
        } else if (result instanceof DayResult.Open) {
            day(dataset, "open");
        } else if (result instanceof DayResult.HeldElsewhere) {
            day(dataset, "held");
        } else {
            day(dataset, "failed");
        }
    }

    /**
     * @param dataset the dataset of a run
     * @return a listener for that run: job events are recorded as this adapter records them, and each day's result
     *         is counted ({@link #dayFinished})
     */
    public ExportProgressListener forDataset(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        MicrometerMetricsAdapter self = this;
        return new ExportProgressListener() {
            @Override
            public void statusObserved(ExportJob job, Duration nextPoll) {
                self.statusObserved(job, nextPoll);
            }

            @Override
            public void downloadProgress(ExportJobId id, long bytes, long totalLength) {
                self.downloadProgress(id, bytes, totalLength);
            }

            @Override
            public void dayFinished(DayResult result) {
                self.dayFinished(dataset, result);
            }
        };
    }

    private AtomicLong lastSuccess(Dataset dataset) {
        return lastSuccess.computeIfAbsent(dataset.wireName(), name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("cometly.export.last.success.timestamp", value, AtomicLong::doubleValue).baseUnit("seconds")
                    .description("when a day was last stored or found stored (Unix time)").tag("dataset", name)
                    .strongReference(true).register(registry);
            return value;
        });
    }

    /**
     * Carries a last success over from an earlier run (the CLI reads it from its previous metrics file), so that a
     * run that stores nothing does not make the series vanish, and an alert on its age keeps firing.
     *
     * @param dataset          the dataset
     * @param epochSecond when it last succeeded
     */
    public void lastSucceededAt(Dataset dataset, long epochSecond) {
        lastSuccess(dataset).accumulateAndGet(epochSecond, Math::max);
    }

    /**
     * A run (one command) ended.
     *
     * @param command the command's name
     * @param ok      whether it succeeded
     */
    public void runEnded(String command, boolean ok) {
        Counter.builder("cometly.export.runs").description("runs by command and result").tag("command", command)
                .tag("result", ok ? "ok" : "failed").register(registry).increment();
    }

    @Override
    public String toString() {
        return "MicrometerMetricsAdapter[" + registry.getClass().getSimpleName() + "]";
    }
}
