package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a {@link CometlyExport} client of one Space behaves: how to reach Cometly, the Space's rates, how long to wait
 * for a job and how often to replace a failed one, how lines are checked, when days close, and where the ledger is.
 * Where files go is not here: each table names its destination ({@link CometlyExport#table(String)}).
 *
 * <p>Immutable and thread-safe. Start from {@link #builder(ApiKey)}, change a copy with {@link #toBuilder()}; every
 * default is a constant of this class or of {@link CometlyHttpConfig}, and the CLI shows the same ones in its help.
 * {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(System.getenv("COMETLY_API_KEY")))
 *         .closure(new DayClosure(ZoneId.of("America/New_York"), Duration.ofHours(2)))
 *         .build();
 * }</pre>
 */
public final class CometlyExportConfig {
    /** The {@link #ledger()} that keeps no state. */
    public static final String NO_LEDGER = "none";
    /** Status requests per minute per Space: Cometly's limit. */
    public static final int DEFAULT_STATUS_RATE = SpaceBudgets.STATUS_PER_MINUTE;
    /** Job creates per minute per Space: Cometly's limit. */
    public static final int DEFAULT_CREATE_RATE = SpaceBudgets.CREATES_PER_MINUTE;
    /** {@link #DEFAULT_TIMEOUT} in hours (for help screens: a compile-time constant). */
    public static final int DEFAULT_TIMEOUT_HOURS = 2;
    /** Longest wait for one job, queued and processing together. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(DEFAULT_TIMEOUT_HOURS);
    /** Jobs created per day in all when jobs fail (the first and two replacements). */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Pause before a failed job is replaced. */
    public static final Duration DEFAULT_REPLACE_PAUSE = Duration.ofSeconds(10);
    /** How long a claimed day stays claimed without renewal. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);
    /** The window Cometly counts its rates in. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    /** How strictly each NDJSON line is checked; gzip integrity, length and SHA-256 are always checked. */
    public enum LineCheck {
        /** Full JSON syntax, one object per line (JSON-P): the default. */
        JSON,
        /** Shape only ({@code {…}} per line), about four times faster: for when throughput matters more. */
        SHAPE
    }

    private final CometlyHttpConfig http;
    private final URI s3Endpoint;
    private final boolean s3PathStyle;
    private final int statusRate;
    private final int createRate;
    private final Duration rateWindow;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration replacePause;
    private final LineCheck lineCheck;
    private final DayClosure closure;
    private final String ledger;
    private final Duration leaseTtl;

    private CometlyExportConfig(Builder b) {
        this.http = b.http.build();
        this.s3Endpoint = b.s3Endpoint;
        this.s3PathStyle = b.s3PathStyle;
        this.statusRate = b.statusRate;
        this.createRate = b.createRate;
        this.rateWindow = b.rateWindow;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.replacePause = b.replacePause;
        this.lineCheck = b.lineCheck;
        this.closure = b.closure;
        this.ledger = b.ledger;
        this.leaseTtl = b.leaseTtl;
    }

    /**
     * @param apiKey the Space's key (given once: the HTTP settings take it from here)
     * @return a builder holding every default, against Cometly's production API
     */
    public static Builder builder(ApiKey apiKey) {
        return new Builder(CometlyHttpConfig.defaults(Objects.requireNonNull(apiKey, "apiKey")).toBuilder());
    }

    /** @return a builder holding this configuration, to change a copy */
    public Builder toBuilder() {
        Builder b = new Builder(http.toBuilder());
        b.s3Endpoint = s3Endpoint;
        b.s3PathStyle = s3PathStyle;
        b.statusRate = statusRate;
        b.createRate = createRate;
        b.rateWindow = rateWindow;
        b.timeout = timeout;
        b.maxAttempts = maxAttempts;
        b.replacePause = replacePause;
        b.lineCheck = lineCheck;
        b.closure = closure;
        b.ledger = ledger;
        b.leaseTtl = leaseTtl;
        return b;
    }

    /** @return how to reach Cometly: the key, the base URL, timeouts, retries */
    public CometlyHttpConfig http() {
        return http;
    }

    /** @return the S3-compatible endpoint S3 tables use, empty for AWS itself */
    public Optional<URI> s3Endpoint() {
        return Optional.ofNullable(s3Endpoint);
    }

    /** @return whether S3 buckets are addressed by path (MinIO, Ceph, S3Proxy) rather than by host name */
    public boolean s3PathStyle() {
        return s3PathStyle;
    }

    /** @return status requests per {@link #rateWindow()} for the Space */
    public int statusRate() {
        return statusRate;
    }

    /** @return job creates per {@link #rateWindow()} for the Space */
    public int createRate() {
        return createRate;
    }

    /** @return the window the rates are counted in: one minute, as Cometly counts, except against a simulator */
    public Duration rateWindow() {
        return rateWindow;
    }

    /** @return the longest wait for one job, queued and processing together */
    public Duration timeout() {
        return timeout;
    }

    /** @return jobs created per day in all when jobs fail */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the pause before a failed job is replaced */
    public Duration replacePause() {
        return replacePause;
    }

    /** @return how each line is checked */
    public LineCheck lineCheck() {
        return lineCheck;
    }

    /** @return when a day of the Space is closed (final) */
    public DayClosure closure() {
        return closure;
    }

    /** @return the ledger's JDBC URL, or {@link #NO_LEDGER} */
    public String ledger() {
        return ledger;
    }

    /** @return how long a claimed day stays claimed without renewal (renewed every third of it) */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** @return whether a ledger URL is configured */
    public boolean hasLedger() {
        return !ledger.equals(NO_LEDGER);
    }

    /**
     * @param url the ledger's URL
     * @return it without its user info's password nor its query (a JDBC URL may carry {@code ?password=…})
     */
    private static String shownLedger(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?" + Redaction.MARK;
        return Redaction.scrub(base);
    }

    /** @return the settings, never the key nor a ledger password */
    @Override
    public String toString() {
        return "CometlyExportConfig[http=" + http + ", s3Endpoint=" + s3Endpoint + ", s3PathStyle=" + s3PathStyle
                + ", statusRate=" + statusRate + ", createRate=" + createRate + ", rateWindow=" + rateWindow
                + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", replacePause=" + replacePause
                + ", lineCheck=" + lineCheck + ", closure=" + closure + ", ledger="
                + shownLedger(ledger)
                + ", leaseTtl=" + leaseTtl + "]";
    }

    /**
     * Collects a configuration's settings. Not thread-safe. {@link #build()} checks them all and reports every
     * impossible one at once.
     */
    public static final class Builder {
        private final CometlyHttpConfig.Builder http;
        private URI s3Endpoint;
        private boolean s3PathStyle;
        private int statusRate = DEFAULT_STATUS_RATE;
        private int createRate = DEFAULT_CREATE_RATE;
        private Duration rateWindow = RATE_WINDOW;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration replacePause = DEFAULT_REPLACE_PAUSE;
        private LineCheck lineCheck = LineCheck.JSON;
        private DayClosure closure = DayClosure.defaults();
        private String ledger = NO_LEDGER;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;

        private Builder(CometlyHttpConfig.Builder http) {
            this.http = http;
        }

        /**
         * @param value the Space's key
         * @return this builder
         */
        public Builder apiKey(ApiKey value) {
            http.apiKey(Objects.requireNonNull(value, "apiKey"));
            return this;
        }

        /**
         * @param value the API base (default {@link CometlyHttpConfig#DEFAULT_BASE_URL}); another one for a proxy,
         *              or for the simulator in development and tests
         * @return this builder
         */
        public Builder baseUrl(URI value) {
            http.baseUrl(Objects.requireNonNull(value, "baseUrl"));
            return this;
        }

        /**
         * @param change tunes the HTTP settings (timeouts, retries, pool size; see {@link CometlyHttpConfig})
         * @return this builder
         */
        public Builder http(UnaryOperator<CometlyHttpConfig.Builder> change) {
            change.apply(http);
            return this;
        }

        /**
         * @param endpoint  an S3-compatible endpoint for S3 tables (MinIO, Ceph, S3Proxy), or {@code null} for AWS
         *                  (the default)
         * @param pathStyle address buckets by path, as most S3-compatible stores need (default false)
         * @return this builder
         */
        public Builder s3(URI endpoint, boolean pathStyle) {
            this.s3Endpoint = endpoint;
            this.s3PathStyle = pathStyle;
            return this;
        }

        /**
         * @param status  status requests per minute for the Space (default {@link #DEFAULT_STATUS_RATE}); lower it
         *                to leave room for another client of the Space
         * @param creates job creates per minute (default {@link #DEFAULT_CREATE_RATE})
         * @return this builder
         */
        public Builder rates(int status, int creates) {
            this.statusRate = status;
            this.createRate = creates;
            return this;
        }

        /**
         * Only for a simulator whose clock runs fast: the window the rates are counted in (default one minute, as
         * Cometly counts). Against the real API a shorter window overruns its limits.
         *
         * @param value the window
         * @return this builder
         */
        public Builder simulatorRateWindow(Duration value) {
            this.rateWindow = Objects.requireNonNull(value, "rateWindow");
            return this;
        }

        /**
         * @param value longest wait for one job (default {@link #DEFAULT_TIMEOUT})
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * @param value jobs created per day in all when jobs fail (default {@link #DEFAULT_MAX_ATTEMPTS}); 1 never
         *              replaces a failed job
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /**
         * @param value pause before replacing a failed job (default 10 s)
         * @return this builder
         */
        public Builder replacePause(Duration value) {
            this.replacePause = Objects.requireNonNull(value, "replacePause");
            return this;
        }

        /**
         * @param value how each line is checked (default {@link LineCheck#JSON})
         * @return this builder
         */
        public Builder lineCheck(LineCheck value) {
            this.lineCheck = Objects.requireNonNull(value, "lineCheck");
            return this;
        }

        /**
         * @param value when a day of the Space is closed; default {@link DayClosure#defaults()}: the latest zone on
         *              earth (UTC−12) and 2 h for late events. Give the Space's zone to export days sooner
         * @return this builder
         */
        public Builder closure(DayClosure value) {
            this.closure = Objects.requireNonNull(value, "closure");
            return this;
        }

        /**
         * @param url where days are claimed and jobs recorded: {@code jdbc:sqlite:<file>} (processes of one host),
         *            {@code jdbc:postgresql://…} (several hosts) or {@link #NO_LEDGER} (the default here: one
         *            process, no resume after a kill). Needs {@code cometly-export-adapter-jdbc}. A host with a
         *            pool of its own passes it to {@link CometlyExportBuilder#ledger} instead
         * @return this builder
         */
        public Builder ledger(String url) {
            this.ledger = Objects.requireNonNull(url, "ledger");
            return this;
        }

        /**
         * @param value how long a claimed day stays claimed without renewal (default 2 min): how long a dead
         *              process's days wait before another process takes them over
         * @return this builder
         */
        public Builder leaseTtl(Duration value) {
            this.leaseTtl = Objects.requireNonNull(value, "leaseTtl");
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming every impossible setting at once
         */
        public CometlyExportConfig build() {
            List<String> problems = new ArrayList<>();
            if (statusRate < 1 || createRate < 1) {
                problems.add("the status and create rates must be at least 1, were " + statusRate + " and "
                        + createRate);
            }
            if (!positive(rateWindow)) {
                problems.add("the rate window must be positive, was " + rateWindow);
            }
            if (!positive(timeout)) {
                problems.add("the timeout must be positive, was " + timeout);
            }
            if (maxAttempts < 1) {
                problems.add("maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (replacePause.isNegative()) {
                problems.add("replacePause must not be negative, was " + replacePause);
            }
            if (leaseTtl.toMillis() < 30) {
                problems.add("leaseTtl must be at least 30 ms, was " + leaseTtl);
            }
            if (ledger.isBlank()) {
                problems.add("the ledger must be a JDBC URL or \"none\"");
            }
            if (s3Endpoint != null && (!s3Endpoint.isAbsolute() || s3Endpoint.getHost() == null)) {
                problems.add("the S3 endpoint must be an absolute URL");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new CometlyExportConfig(this);
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }
}
