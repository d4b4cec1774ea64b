package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Collects what a {@link CometlyExport} client is wired with besides its configuration ({@link CometlyExport#builder}):
 * adapters by their ports, each with a default. What a host gives here (a store, an {@code S3Client}, an HTTP client,
 * a {@code DataSource}, a registry) stays the host's: closing the client never closes it. Not thread-safe; build
 * once.
 *
 * <p>The defaults: no store of its own ({@link CometlyExport#table(String)} makes the local or S3 store a destination
 * names), S3 clients made from the configuration, full-JSON line checks (or shape checks, as configured), two
 * pooled HTTP clients of the client's own, the configured ledger (none by default), no meters, the system clock and
 * real sleeps.
 */
public final class CometlyExportBuilder {
    final CometlyExportConfig config;
    StoreExportFilePort store;
    S3Client s3Client;
    VerifyExportLinesPort lineVerifier;
    CloseableHttpClient httpClient;
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

    /**
     * @param value the store of the client's default table, {@link CometlyExport#table()}: a host's own (an
     *              in-memory store in tests, a store of another kind), held to the same promises as ours (see
     *              {@link StoreExportFilePort}). Other tables can still be taken by destination
     * @return this builder
     */
    public CometlyExportBuilder store(StoreExportFilePort value) {
        this.store = Objects.requireNonNull(value, "store");
        return this;
    }

    /**
     * @param value the client every S3 table of this client uses (the host's credentials, region and HTTP client);
     *              default: one the client makes from the configuration's S3 settings, on the SDK's default
     *              credentials chain, shared by all its S3 tables. Needs {@code software.amazon.awssdk:s3}
     * @return this builder
     */
    public CometlyExportBuilder s3Client(S3Client value) {
        this.s3Client = Objects.requireNonNull(value, "s3Client");
        return this;
    }

    /**
     * @param value checks each line of every download before it is stored (default: as the configuration's
     *              {@link CometlyExportConfig#lineCheck()} says); it must read the stream to its end
     * @return this builder
     */
    public CometlyExportBuilder lineVerifier(VerifyExportLinesPort value) {
        this.lineVerifier = Objects.requireNonNull(value, "lineVerifier");
        return this;
    }

    /**
     * @param value the host's HTTP client, for both the API and the downloads (its proxy, TLS and pool); it must
     *              follow no redirects and carry no credentials of its own (the key is added to each API request,
     *              never to a download). Default: two pooled clients of this client's own, sized and timed by
     *              {@link CometlyExportConfig#http()}
     * @return this builder
     */
    public CometlyExportBuilder httpClient(CloseableHttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
        return this;
    }

    /**
     * @param value the time source (default: the system's, UTC)
     * @return this builder
     */
    public CometlyExportBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * @param value waits between polls and for the budgets (default: real sleeps)
     * @return this builder
     */
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

    /**
     * @param value where {@code PGUSER}/{@code PGPASSWORD} are read (default: the process's)
     * @return this
     */
    public CometlyExportBuilder environment(Map<String, String> value) {
        this.environment = Map.copyOf(value);
        return this;
    }

    /**
     * @return the client of the Space; close it when done
     * @throws io.github.cometlyexport.port.driven.ExportLedgerException if the ledger cannot be opened
     * @throws IllegalStateException if an adapter the configuration asks for is not on the class path (its
     *                               artifact is named)
     */
    public CometlyExport build() {
        return new CometlyExport(this);
    }
}
