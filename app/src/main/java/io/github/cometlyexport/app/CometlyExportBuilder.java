package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import javax.sql.DataSource;

/**
 * Collects what a {@link CometlyExport} is wired with besides its configuration ({@link CometlyExport#builder}): the
 * clock and sleeper, the Space's budgets, a host's own ledger pool and meter registry. Not thread-safe; build once.
 */
public final class CometlyExportBuilder {
    final CometlyExportConfig config;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    SpaceBudgets budgets;
    DataSource dataSource;
    Map<String, String> environment = System.getenv();
    MeterRegistry registry;
    BudgetWaitListener budgetWaits = BudgetWaitListener.NONE;
    PipelinePolicy pipeline = PipelinePolicy.defaults();
    PollingPolicy polling;
    ThreadFactory threads;

    CometlyExportBuilder(CometlyExportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @param value the time source (default: the system's, UTC) @return this builder */
    public CometlyExportBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** @param value waits between polls and for the budgets (default: real sleeps) @return this builder */
    public CometlyExportBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return this;
    }

    /**
     * @param value the Space's budgets, shared with other exporters of this process (default: the ledger's
     *              shared budgets, or budgets of this exporter's own)
     * @return this builder
     */
    public CometlyExportBuilder budgets(SpaceBudgets value) {
        this.budgets = Objects.requireNonNull(value, "budgets");
        return this;
    }

    /**
     * @param value the host's own pool on SQLite or PostgreSQL to keep the ledger in (schema migrated on first
     *              use; the host keeps and closes the pool); overrides {@link CometlyExportConfig#ledger()}
     * @return this builder
     */
    public CometlyExportBuilder ledger(DataSource value) {
        this.dataSource = Objects.requireNonNull(value, "dataSource");
        return this;
    }

    /**
     * @param value the host's registry: requests, 429s, budget waits, polls, job phases, bytes, days by result
     *              and the last success per dataset are recorded there (see {@link MicrometerMetricsAdapter})
     * @return this builder
     */
    public CometlyExportBuilder meterRegistry(MeterRegistry value) {
        this.registry = Objects.requireNonNull(value, "registry");
        return this;
    }

    /**
     * @param value hears each wait for the Space's budget before it begins (default: nobody); not used with
     *              {@link #budgets} given (the host's budgets wait as they do)
     * @return this builder
     */
    public CometlyExportBuilder budgetWaits(BudgetWaitListener value) {
        this.budgetWaits = Objects.requireNonNull(value, "budgetWaits");
        return this;
    }

    /**
     * @param value how a run of days spreads its work: jobs in flight (default 25) and downloads at once (default
     *              4); its status spacing is set from the configuration's status rate
     * @return this builder
     */
    public CometlyExportBuilder pipeline(PipelinePolicy value) {
        this.pipeline = Objects.requireNonNull(value, "pipeline");
        return this;
    }

    /**
     * @param value how jobs are polled (default: {@link PollingPolicy#defaults()}; the configuration's timeout
     *              applies either way). For a simulator whose clock runs fast, whose jobs take a fraction of real
     *              time's; against Cometly, the defaults keep within its status limit
     * @return this builder
     */
    public CometlyExportBuilder polling(PollingPolicy value) {
        this.polling = Objects.requireNonNull(value, "polling");
        return this;
    }

    /**
     * @param value makes the threads of each run of days (its poller and downloads); default: daemon threads of
     *              their own. A host that accounts for its threads, or a test on virtual time, gives its own
     * @return this builder
     */
    public CometlyExportBuilder threads(ThreadFactory value) {
        this.threads = Objects.requireNonNull(value, "threads");
        return this;
    }

    /** @param value where {@code PGUSER}/{@code PGPASSWORD} are read (default: the process's) @return this */
    public CometlyExportBuilder environment(Map<String, String> value) {
        this.environment = Map.copyOf(value);
        return this;
    }

    /**
     * @return the wired exporter; close it when done
     * @throws io.github.cometlyexport.port.driven.ExportLedgerException if the ledger cannot be opened
     */
    public CometlyExport build() {
        return new CometlyExport(this);
    }
}
