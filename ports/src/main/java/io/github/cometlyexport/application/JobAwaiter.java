package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.JobWatch;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The polling loop shared by the await, download and export services: fetch, check the lifecycle, ask the policy,
 * sleep. Thread-safe if its collaborators are.
 */
final class JobAwaiter {
    private final FetchExportJobPort fetch;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    JobAwaiter(FetchExportJobPort fetch, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    AwaitOutcome await(ExportJobId id, PollingPolicy policy, ExportProgressListener listener) {
        JobWatch watch = JobWatch.startingAt(clock.instant());
        while (true) {
            ExportJob job = fetch.fetch(id);
            ExportJob previous = watch.last();
            if (previous != null && previous.changeTo(job).isAnomaly()) {
                throw new ExportProtocolException("job " + id + " went from " + previous.kind().wireName() + " to "
                        + job.kind().wireName() + ", which the documented lifecycle does not allow", null);
            }
            Instant now = clock.instant();
            watch = watch.observe(job, now);
            PollDecision decision = policy.decide(watch, now, random);
            if (decision instanceof PollDecision.Wait wait) {
                listener.statusObserved(job, wait.delay());
                Pauses.pause(sleeper, wait.delay(), "waiting for job " + id);
            } else if (decision instanceof PollDecision.Ready ready) {
                listener.statusObserved(job, Duration.ZERO);
                return new AwaitOutcome.Finished(ready.job(), watch.polls());
            } else {
                listener.statusObserved(job, Duration.ZERO);
                return new AwaitOutcome.GaveUp((PollDecision.GiveUp) decision, job, watch.polls());
            }
        }
    }
}
