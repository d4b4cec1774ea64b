package io.github.cometlyexport.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link CometlySimulator} behaves. Immutable; {@link #defaults()} then {@link #toBuilder()}.
 *
 * @param port                 API port on 127.0.0.1; 0 for an ephemeral port (default). The download host gets
 *                             its own ephemeral port, so that the two hosts differ as they do in production.
 * @param keys                 API keys and the Space each belongs to; default one key, {@link #DEMO_KEY}, in
 *                             Space {@code demo}
 * @param inactiveKeys         keys that exist but are refused with 403 (inactive subscription)
 * @param createsPerMinute     create budget per Space (sliding 60-second window); default 5
 * @param statusPerMinute      status budget per Space (sliding 60-second window); default 30
 * @param linkTtl              how long a presigned link lives; default 15 minutes
 * @param defaultEvents        events in a day's file when the job script does not say; default 1,000
 * @param seed                 seed of the generated data; default 1
 * @param clock                the simulator's clock, for timelines, windows and link expiry; default the system
 *                             clock (tests pass a steppable one)
 * @param scriptCycle          scripts handed to created jobs in turn, unless one was queued with
 *                             {@link CometlySimulator#scriptNextJob}; default always {@link JobScript#completed()}
 * @param gzipLevel            deflate level of the served files, 1–9; default 6 (as gzip's own default)
 * @param lineProfile          what event lines look like; default {@link LineProfile#COMPACT}
 * @param shareFiles           completed jobs that ask for the same data (dataset, fields, number of lines) serve
 *                             one file, generated once, whatever their day or range: for benchmarks of many large
 *                             days, where generating each would take longer than exporting it. Lines then carry
 *                             the first such job's timestamps. Default false
 */
public record SimulatorConfig(int port, Map<String, String> keys, Set<String> inactiveKeys, int createsPerMinute,
                              int statusPerMinute, Duration linkTtl, long defaultEvents, long seed, Clock clock,
                              List<JobScript> scriptCycle, int gzipLevel,
                              LineProfile lineProfile, boolean shareFiles) {

    /** The demo key of the default configuration. It is not a secret: it only opens the simulator. */
    public static final String DEMO_KEY = "sim_demo_key_0123456789";

    /**
     * Copies the collections and checks every setting.
     *
     * @param port             API port on 127.0.0.1, 0 to 65535; 0 for an ephemeral port
     * @param keys             API keys and the Space each belongs to; not null, copied
     * @param inactiveKeys     keys that exist but are refused with 403; not null, copied
     * @param createsPerMinute create budget per Space; at least 1
     * @param statusPerMinute  status budget per Space; at least 1
     * @param linkTtl          how long a presigned link lives; not null
     * @param defaultEvents    events in a day's file when the job script does not say; not negative
     * @param seed             seed of the generated data
     * @param clock            the simulator's clock; not null
     * @param scriptCycle      scripts handed to created jobs in turn; not null, not empty, copied
     * @param gzipLevel        deflate level of the served files, 1–9
     * @param lineProfile      what event lines look like; not null
     * @param shareFiles       whether completed jobs that ask for the same data serve one file, generated once
     * @throws IllegalArgumentException on an impossible setting
     */
    public SimulatorConfig {
        keys = Map.copyOf(keys);
        inactiveKeys = Set.copyOf(inactiveKeys);
        scriptCycle = List.copyOf(scriptCycle);
        Objects.requireNonNull(linkTtl, "linkTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lineProfile, "lineProfile");
        if (port < 0 || port > 65535 || createsPerMinute < 1 || statusPerMinute < 1 || defaultEvents < 0
                || scriptCycle.isEmpty() || gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("impossible simulator setting");
        }
    }

    /** @return the defaults listed on each component */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, Map.of(DEMO_KEY, "demo"), Set.of(), 5, 30, Duration.ofMinutes(15), 1_000, 1,
                Clock.systemUTC(), List.of(JobScript.completed()), 6, LineProfile.COMPACT,
                false);
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link SimulatorConfig}. */
    public static final class Builder {
        private int port;
        private final Map<String, String> keys;
        private Set<String> inactiveKeys;
        private int createsPerMinute;
        private int statusPerMinute;
        private Duration linkTtl;
        private long defaultEvents;
        private long seed;
        private Clock clock;
        private List<JobScript> scriptCycle;
        private int gzipLevel;
        private LineProfile lineProfile;
        private boolean shareFiles;

        private Builder(SimulatorConfig c) {
            port = c.port;
            keys = new LinkedHashMap<>(c.keys);
            inactiveKeys = c.inactiveKeys;
            createsPerMinute = c.createsPerMinute;
            statusPerMinute = c.statusPerMinute;
            linkTtl = c.linkTtl;
            defaultEvents = c.defaultEvents;
            seed = c.seed;
            clock = c.clock;
            scriptCycle = c.scriptCycle;
            gzipLevel = c.gzipLevel;
            lineProfile = c.lineProfile;
            shareFiles = c.shareFiles;
        }

        /**
         * @param p the API port on 127.0.0.1; 0 for an ephemeral port
         * @return this builder
         */
        public Builder port(int p) {
            port = p;
            return this;
        }

        /**
         * @param key   an API key the simulator accepts
         * @param space the Space the key opens
         * @return this builder
         */
        public Builder key(String key, String space) {
            keys.put(key, space);
            return this;
        }

        /**
         * @param keys keys that exist but are refused with 403 (inactive subscription)
         * @return this builder
         */
        public Builder inactiveKeys(Set<String> keys) {
            inactiveKeys = keys;
            return this;
        }

        /**
         * @param creates  create requests allowed per Space per sliding minute
         * @param statuses status requests allowed per Space per sliding minute
         * @return this builder
         */
        public Builder rateLimits(int creates, int statuses) {
            createsPerMinute = creates;
            statusPerMinute = statuses;
            return this;
        }

        /**
         * @param ttl how long a presigned link lives
         * @return this builder
         */
        public Builder linkTtl(Duration ttl) {
            linkTtl = ttl;
            return this;
        }

        /**
         * @param n events in a day's file when the job script does not say
         * @return this builder
         */
        public Builder defaultEvents(long n) {
            defaultEvents = n;
            return this;
        }

        /**
         * @param s seed of the generated data
         * @return this builder
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * @param c the simulator's clock, for timelines, windows and link expiry
         * @return this builder
         */
        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        /**
         * @param cycle scripts handed to created jobs in turn; not empty
         * @return this builder
         */
        public Builder scriptCycle(List<JobScript> cycle) {
            scriptCycle = cycle;
            return this;
        }

        /**
         * @param level deflate level of the served files, 1–9
         * @return this builder
         */
        public Builder gzipLevel(int level) {
            gzipLevel = level;
            return this;
        }

        /**
         * @param profile what event lines look like
         * @return this builder
         */
        public Builder lineProfile(LineProfile profile) {
            lineProfile = profile;
            return this;
        }

        /**
         * @param share whether completed jobs that ask for the same data serve one file, generated once
         * @return this builder
         */
        public Builder shareFiles(boolean share) {
            shareFiles = share;
            return this;
        }

        /** @return the configuration */
        public SimulatorConfig build() {
            return new SimulatorConfig(port, keys, inactiveKeys, createsPerMinute, statusPerMinute, linkTtl,
                    defaultEvents, seed, clock, scriptCycle, gzipLevel, lineProfile, shareFiles);
        }
    }
}
