package io.github.cometlyexport.domain;

import java.util.Objects;

/**
 * The policies a service is built with, set once: how to wait for a job, when to replace a failed one, and how to
 * cope with dying links and broken connections. Immutable and thread-safe.
 *
 * @param polling     how to wait for each job
 * @param replacement how many jobs to create in all when jobs fail
 * @param download    how to cope with dying links and broken connections
 * @param closure     when a day is over for good
 */
public record ExportPolicies(PollingPolicy polling, ReplacementPolicy replacement, DownloadPolicy download,
                             DayClosure closure) {

    /**
     * Checks that every policy is given.
     *
     * @param polling     how to wait for each job; not null
     * @param replacement how many jobs to create in all when jobs fail; not null
     * @param download    how to cope with dying links and broken connections; not null
     * @param closure     when a day is over for good; not null
     * @throws NullPointerException if a policy is null
     */
    public ExportPolicies {
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(closure, "closure");
    }

    /** @return each policy's defaults */
    public static ExportPolicies defaults() {
        return new ExportPolicies(PollingPolicy.defaults(), ReplacementPolicy.defaults(), DownloadPolicy.defaults(),
                DayClosure.defaults());
    }

    /**
     * @param policy when to replace failed jobs
     * @return a copy with it
     */
    public ExportPolicies withReplacement(ReplacementPolicy policy) {
        return new ExportPolicies(polling, policy, download, closure);
    }

    /**
     * @param policy how to download
     * @return a copy with it
     */
    public ExportPolicies withDownload(DownloadPolicy policy) {
        return new ExportPolicies(polling, replacement, policy, closure);
    }

    /**
     * @param policy when days close
     * @return a copy with it
     */
    public ExportPolicies withClosure(DayClosure policy) {
        return new ExportPolicies(polling, replacement, download, policy);
    }
}
