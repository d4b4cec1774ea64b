package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.ApiKey;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP adapters talk to Cometly and to the download host (the Space's request budgets are objects of
 * their own, {@link io.github.cometlyexport.port.driven.SpaceBudgets}). Immutable; start from
 * {@link #defaults(ApiKey)}, change with {@link #toBuilder()}. {@link #toString()} never shows the key.
 *
 * @param apiKey             the Space's key; sent only to {@link #baseUrl()}'s host
 * @param baseUrl            the API base; default {@code https://app.cometly.com/public-api/v1} (change it for the
 *                           simulator or a proxy)
 * @param connectTimeout     TCP connect timeout, both hosts; default 10 s
 * @param responseTimeout    longest silence while waiting for or reading an API response; default 30 s
 * @param downloadTimeout    longest silence in the middle of a download before it counts as stalled and is
 *                           resumed; default 60 s
 * @param maxAttempts        attempts per status request (first try included) on 429, 5xx and I/O errors; default 6
 * @param initialBackoff     first retry pause, doubled each retry with full jitter; default 1 s
 * @param maxBackoff         cap of a retry pause; default 30 s
 * @param maxRetryAfter      ceiling on a server's {@code Retry-After}; default 120 s
 * @param maxConnections     pooled connections per client; default 20
 */
public record CometlyHttpConfig(ApiKey apiKey, URI baseUrl, Duration connectTimeout, Duration responseTimeout,
                                Duration downloadTimeout, int maxAttempts, Duration initialBackoff,
                                Duration maxBackoff, Duration maxRetryAfter, int maxConnections) {

    /** Cometly's production API, as text (for help screens: a compile-time constant). */
    public static final String DEFAULT_BASE_URL_TEXT = "https://app.cometly.com/public-api/v1";
    /** Cometly's production API. */
    public static final URI DEFAULT_BASE_URL = URI.create(DEFAULT_BASE_URL_TEXT);

    /**
     * Checks every setting.
     *
     * @param apiKey          the Space's key; not null
     * @param baseUrl         the API base: an absolute http(s) URL without a query string; not null
     * @param connectTimeout  TCP connect timeout, both hosts; positive
     * @param responseTimeout longest silence while waiting for or reading an API response; positive
     * @param downloadTimeout longest silence in the middle of a download before it counts as stalled; positive
     * @param maxAttempts     attempts per status request, first try included; at least 1
     * @param initialBackoff  first retry pause; positive
     * @param maxBackoff      cap of a retry pause; positive
     * @param maxRetryAfter   ceiling on a server's {@code Retry-After}; positive
     * @param maxConnections  pooled connections per client; at least 1
     * @throws NullPointerException     if the key or the base URL is null
     * @throws IllegalArgumentException naming the first impossible setting
     */
    public CometlyHttpConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("https") || baseUrl.getScheme().equals("http"))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
        }
        if (baseUrl.getRawQuery() != null) {
            throw new IllegalArgumentException("baseUrl must not carry a query string");
        }
        positive("maxAttempts", maxAttempts);
        positive("maxConnections", maxConnections);
        for (Duration d : new Duration[] {connectTimeout, responseTimeout, downloadTimeout,
            initialBackoff, maxBackoff, maxRetryAfter}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every duration must be positive");
            }
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + v);
        }
    }

    /**
     * @param apiKey the Space's key
     * @return the defaults listed on each component
     */
    public static CometlyHttpConfig defaults(ApiKey apiKey) {
        return new CometlyHttpConfig(apiKey, DEFAULT_BASE_URL, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 6, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(120), 20);
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "CometlyHttpConfig[apiKey=" + apiKey + ", baseUrl=" + baseUrl + "]";
    }

    /** Builds a {@link CometlyHttpConfig}; every setter's default is on the record component. */
    public static final class Builder {
        private ApiKey apiKey;
        private URI baseUrl;
        private Duration connectTimeout;
        private Duration responseTimeout;
        private Duration downloadTimeout;
        private int maxAttempts;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Duration maxRetryAfter;
        private int maxConnections;

        private Builder(CometlyHttpConfig c) {
            apiKey = c.apiKey;
            baseUrl = c.baseUrl;
            connectTimeout = c.connectTimeout;
            responseTimeout = c.responseTimeout;
            downloadTimeout = c.downloadTimeout;
            maxAttempts = c.maxAttempts;
            initialBackoff = c.initialBackoff;
            maxBackoff = c.maxBackoff;
            maxRetryAfter = c.maxRetryAfter;
            maxConnections = c.maxConnections;
        }

        /**
         * @param v the Space's key, sent only to the base URL's host
         * @return this builder
         */
        public Builder apiKey(ApiKey v) {
            apiKey = v;
            return this;
        }

        /**
         * @param v the API base: an absolute http(s) URL, e.g. the simulator's or a proxy's
         * @return this builder
         */
        public Builder baseUrl(URI v) {
            baseUrl = v;
            return this;
        }

        /**
         * @param connect  TCP connect timeout, both hosts
         * @param response longest silence while waiting for or reading an API response
         * @param download longest silence in the middle of a download before it is resumed
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration response, Duration download) {
            connectTimeout = connect;
            responseTimeout = response;
            downloadTimeout = download;
            return this;
        }

        /**
         * @param attempts attempts per status request, first try included
         * @param initial  first retry pause, doubled each retry with full jitter
         * @param max      cap of a retry pause
         * @return this builder
         */
        public Builder retries(int attempts, Duration initial, Duration max) {
            maxAttempts = attempts;
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        /**
         * @param v ceiling on a server's {@code Retry-After}
         * @return this builder
         */
        public Builder maxRetryAfter(Duration v) {
            maxRetryAfter = v;
            return this;
        }

        /**
         * @param v pooled connections per client
         * @return this builder
         */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** @return the configuration */
        public CometlyHttpConfig build() {
            return new CometlyHttpConfig(apiKey, baseUrl, connectTimeout, responseTimeout, downloadTimeout,
                    maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, maxConnections);
        }
    }
}
