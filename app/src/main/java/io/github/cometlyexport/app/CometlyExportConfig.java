package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to wire the exporter. Immutable; start from {@link #defaults(ApiKey, String)} and change it with
 * the {@code with…} methods. {@link #toString()} never shows the key.
 *
 * @param http         how to reach Cometly (key, base URL, timeouts, retries)
 * @param destination  a local folder, or {@code s3://bucket/prefix}
 * @param s3Endpoint   an S3-compatible endpoint, or {@code null} for AWS
 * @param s3PathStyle  address buckets by path (MinIO, Ceph, S3Proxy); default false
 * @param statusRate   status requests per {@code rateWindow} per Space; default 30 (Cometly's limit; lower it to
 *                     leave room for another client of the Space)
 * @param createRate   creates per {@code rateWindow} per Space; default 5 (Cometly's limit)
 * @param rateWindow   the rate-limit window; default one minute, as Cometly counts. Shorter only against a
 *                     simulator whose clock runs fast: against the real API a shorter window overruns the limits
 * @param timeout      longest wait for one job, queued and processing together; default 2 h
 * @param maxAttempts  jobs created per request in all when jobs fail; default 3
 * @param replacePause pause before replacing a failed job; default 10 s
 * @param lineCheck    how each line is checked; default {@link LineCheck#JSON}
 * @param format       how files are stored: {@link StoredFormat#GZIP} as downloaded (default), or decompressed
 * @param closure      when a day of the Space is closed; default {@link DayClosure#defaults()}: the latest zone on
 *                     earth (UTC−12) and 2 h for late events; give the Space's zone to export days sooner
 * @param ledger       where days are claimed and jobs recorded: {@code jdbc:sqlite:<file>} (processes of one
 *                     host), {@code jdbc:postgresql://…} (several hosts) or {@code none} (the default here: one
 *                     process, no resume after a kill; the CLI's default is an SQLite file). A host app that has
 *                     its own pool passes it to {@link CometlyExport#builder} instead
 * @param leaseTtl     how long a claimed day stays claimed without renewal (renewed every third of it); default
 *                     2 min: how long a dead process's days wait before another process takes them over
 */
public record CometlyExportConfig(CometlyHttpConfig http, String destination, URI s3Endpoint, boolean s3PathStyle,
                                  int statusRate, int createRate, Duration rateWindow, Duration timeout,
                                  int maxAttempts, Duration replacePause, LineCheck lineCheck, StoredFormat format,
                                  DayClosure closure, String ledger, Duration leaseTtl) {

    /** The {@link #ledger()} that keeps no state. */
    public static final String NO_LEDGER = "none";

    /** How strictly each NDJSON line is checked; gzip integrity, length and SHA-256 are always checked. */
    public enum LineCheck {
        /** Full JSON syntax, one object per line (JSON-P): the default. */
        JSON,
        /** Shape only ({@code {…}} per line), about four times faster: for when throughput matters more. */
        SHAPE
    }

    /** @throws IllegalArgumentException naming an impossible setting */
    public CometlyExportConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(replacePause, "replacePause");
        Objects.requireNonNull(lineCheck, "lineCheck");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(closure, "closure");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        if (leaseTtl.toMillis() < 30) {
            throw new IllegalArgumentException("leaseTtl must be at least 30 ms, was " + leaseTtl);
        }
        if (destination.isBlank()) {
            throw new IllegalArgumentException("the destination must not be empty");
        }
        if (statusRate < 1 || createRate < 1) {
            throw new IllegalArgumentException("the status and create rates must be at least 1, were " + statusRate
                    + " and " + createRate);
        }
        if (rateWindow.isNegative() || rateWindow.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the rate window and the timeout must be positive");
        }
        if (replacePause.isNegative()) {
            throw new IllegalArgumentException("replacePause must not be negative, was " + replacePause);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * @param apiKey      the Space's key
     * @param destination a local folder, or {@code s3://bucket/prefix}
     * @return the defaults listed on each component, against Cometly's production API
     */
    public static CometlyExportConfig defaults(ApiKey apiKey, String destination) {
        return new CometlyExportConfig(CometlyHttpConfig.defaults(apiKey), destination, null, false,
                SpaceBudgets.STATUS_PER_MINUTE, SpaceBudgets.CREATES_PER_MINUTE, Duration.ofMinutes(1),
                Duration.ofHours(2), 3, Duration.ofSeconds(10), LineCheck.JSON, StoredFormat.GZIP,
                DayClosure.defaults(), NO_LEDGER, Duration.ofMinutes(2));
    }

    /** @param newHttp how to reach Cometly @return a copy */
    public CometlyExportConfig withHttp(CometlyHttpConfig newHttp) {
        return new CometlyExportConfig(newHttp, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, maxAttempts, replacePause, lineCheck, format, closure, ledger, leaseTtl);
    }

    /** @param endpoint S3-compatible endpoint or null @param pathStyle path-style addressing @return a copy */
    public CometlyExportConfig withS3(URI endpoint, boolean pathStyle) {
        return new CometlyExportConfig(http, destination, endpoint, pathStyle, statusRate, createRate, rateWindow,
                timeout, maxAttempts, replacePause, lineCheck, format, closure, ledger, leaseTtl);
    }

    /**
     * @param status  status requests per window
     * @param creates creates per window
     * @param window  the window (one minute against the real API)
     * @return a copy
     */
    public CometlyExportConfig withRates(int status, int creates, Duration window) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, status, creates, window, timeout,
                maxAttempts, replacePause, lineCheck, format, closure, ledger, leaseTtl);
    }

    /** @param newTimeout longest wait per job @return a copy */
    public CometlyExportConfig withTimeout(Duration newTimeout) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, newTimeout, maxAttempts, replacePause, lineCheck, format, closure, ledger, leaseTtl);
    }

    /** @param attempts jobs per request @param pause pause before replacing a failed job @return a copy */
    public CometlyExportConfig withReplacement(int attempts, Duration pause) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, attempts, pause, lineCheck, format, closure, ledger, leaseTtl);
    }

    /** @param check how each line is checked @return a copy */
    public CometlyExportConfig withLineCheck(LineCheck check) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, maxAttempts, replacePause, check, format, closure, ledger, leaseTtl);
    }

    /** @param newFormat how files are stored @return a copy */
    public CometlyExportConfig withFormat(StoredFormat newFormat) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, maxAttempts, replacePause, lineCheck, newFormat, closure, ledger, leaseTtl);
    }

    /** @param newClosure when days close @return a copy */
    public CometlyExportConfig withClosure(DayClosure newClosure) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, maxAttempts, replacePause, lineCheck, format, newClosure, ledger, leaseTtl);
    }

    /** @param url the ledger's JDBC URL, or {@code none} @param ttl how long a claim lasts @return a copy */
    public CometlyExportConfig withLedger(String url, Duration ttl) {
        return new CometlyExportConfig(http, destination, s3Endpoint, s3PathStyle, statusRate, createRate,
                rateWindow, timeout, maxAttempts, replacePause, lineCheck, format, closure, url, ttl);
    }

    /** @return whether a ledger is configured */
    public boolean hasLedger() {
        return !ledger.equals(NO_LEDGER);
    }

    /** @return whether the destination is an S3 location */
    public boolean isS3() {
        return destination.startsWith("s3://");
    }
}
