package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * One run's {@code --metrics-file}: the registry the run records in, and the file written when it ends, whatever
 * ended it. A run that failed while it was set up (a problem with its input, no key, a ledger it cannot reach) has
 * no wired metrics: its file still counts the failed run and carries the last successes over, so that a cron job
 * that keeps failing this way shows up as failing, not as a file that stopped changing. Not thread-safe (one per run).
 */
final class RunMetrics {
    private final Path file;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private MicrometerMetricsAdapter metrics;

    /**
     * @param file  where the metrics go at exit, or {@code null} for nowhere (then this records nothing)
     * @param clock the run's clock
     */
    RunMetrics(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.registry = file == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** @return the registry to wire, when there is a file */
    Optional<MeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /** @param wired the metrics the run was wired with; the last successes of the old file are carried into them */
    void wired(Optional<MicrometerMetricsAdapter> wired) {
        wired.ifPresent(m -> {
            metrics = m;
            MetricsFile.carryOver(file, m);
        });
    }

    /**
     * Sets the gauge {@code cometly_export_audit_days{dataset,state}}: the audited days per state (every state, 0
     * included, so that a series does not vanish when its days are repaired), and per warning as
     * {@code state="low_volume"} and {@code state="schema_drift"}.
     *
     * @param report what the audit found
     */
    void auditDays(io.github.cometlyexport.port.driving.AuditReport report) {
        if (registry == null) {
            return;
        }
        String dataset = report.dataset().wireName();
        for (var state : io.github.cometlyexport.port.driving.AuditReport.State.values()) {
            long n = report.days().stream().filter(d -> d.state() == state).count();
            Gauge.builder("cometly.export.audit.days", () -> n).description("audited days by state")
                    .tags("dataset", dataset, "state", state.wireName()).register(registry);
        }
        for (var warning : io.github.cometlyexport.port.driving.AuditReport.Warning.values()) {
            long n = report.days().stream().filter(d -> d.warnings().contains(warning)).count();
            Gauge.builder("cometly.export.audit.days", () -> n).description("audited days by state")
                    .tags("dataset", dataset, "state", warning.wireName()).register(registry);
        }
    }

    /**
     * Counts the run and writes the file (a failure to write is reported, and does not change the exit code).
     *
     * @param command the command's name
     * @param ok      whether it ended with exit 0
     * @param printer where a failure to write is reported
     */
    void ended(String command, boolean ok, OutputPrinter printer) {
        if (registry == null) {
            return;
        }
        if (metrics == null) {
            wired(Optional.of(new MicrometerMetricsAdapter(registry, clock)));
        }
        metrics.runEnded(command, ok);
        try {
            MetricsFile.write(file, registry.scrape());
        } catch (IOException e) {
            printer.error("cannot write the metrics file " + file + ": " + e.getMessage());
        }
    }
}
