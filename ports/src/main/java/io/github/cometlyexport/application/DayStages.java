package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.DayState;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.JobWatch;
import io.github.cometlyexport.domain.PipelinePolicy;
import io.github.cometlyexport.domain.PollDecision;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What each stage of a run does to one claimed day: create (or resume) its job, poll it once, download its file.
 * Each step records what it learned in the day's lease and answers what comes next; none waits (the run schedules
 * the waits). A failed job, a completed one whose file is gone, a recorded job that Cometly no longer knows and a
 * job of the open day once the day is closed are replaced, as the replacement policy allows. Thread-safe.
 */
final class DayStages {
    private final CreateExportJobPort create;
    private final FetchExportJobPort fetch;
    private final VerifiedDownloader downloader;
    private final ExportPolicies policies;
    private final PipelinePolicy pipeline;
    private final Clock clock;
    private final RandomGenerator random;

    DayStages(CreateExportJobPort create, FetchExportJobPort fetch, VerifiedDownloader downloader,
              ExportPolicies policies, PipelinePolicy pipeline, Clock clock, RandomGenerator random) {
        this.create = Objects.requireNonNull(create, "create");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What a step leaves to do. */
    sealed interface Next permits Next.Poll, Next.Download, Next.Replace, Next.Done {
        /** Poll the job again after this long. */
        record Poll(Duration after) implements Next {
        }

        /** The job completed: download its file. */
        record Download(ExportJob.Completed job) implements Next {
        }

        /** Create a new job for the day after this long. */
        record Replace(Duration after) implements Next {
        }

        /** The day has its result. */
        record Done(DayResult result) implements Next {
        }
    }

    /**
     * Resumes the job the ledger recorded for the day, or creates one (waiting for the create budget), and records
     * it in the step that learned it: a process killed from here on resumes this job.
     */
    void startJob(DayJob day, ExportProgressListener listener) {
        day.attempts++;
        day.total++;
        Optional<ExportJobId> resume = day.resume;
        day.resume = Optional.empty();
        day.resumed = resume.isPresent();
        if (day.resumed) {
            day.id = resume.get();
            day.provisional = day.resumeProvisional;
            day.lease.recordJob(day.id, day.total, day.provisional);
            listener.jobResumed(day.id, day.total);
        } else {
            // The closure when the job is asked for, not when the run started: the day may have closed since.
            day.provisional = !closure().isClosed(day.day(), clock.instant());
            day.id = create.create(day.request);
            day.lease.recordJob(day.id, day.total, day.provisional);
            listener.jobCreated(day.id, day.attempts);
        }
        day.watch = JobWatch.startingAt(clock.instant());
    }

    /**
     * One status request for the day's job.
     *
     * @param jobsPolled jobs the run has in flight now (their fair share of the status budget sets the next poll)
     */
    Next poll(DayJob day, int jobsPolled, ExportProgressListener listener) {
        ExportJob seen;
        try {
            seen = fetch.fetch(day.id);
        } catch (ExportApiException e) {
            if (day.resumed && e.kind() == ExportApiException.Kind.NOT_FOUND) {
                // The recorded job is gone (expired at Cometly): replace it; it was not a failed attempt.
                day.lease.recordState(DayState.FAILED);
                day.attempts--;
                return new Next.Replace(Duration.ZERO);
            }
            throw e;
        }
        ExportJob previous = day.watch.last();
        if (previous != null && previous.changeTo(seen).isAnomaly()) {
            throw new ExportProtocolException("job " + day.id + " went from " + previous.kind().wireName() + " to "
                    + seen.kind().wireName() + ", which the documented lifecycle does not allow", null);
        }
        Instant now = clock.instant();
        day.watch = day.watch.observe(seen, now);
        PollDecision decision = policies.polling().decide(day.watch, now, random);
        if (decision instanceof PollDecision.Wait wait) {
            Duration next = pipeline.nextPoll(wait.delay(), policies.polling().minDelay(), jobsPolled);
            listener.statusObserved(seen, next);
            return new Next.Poll(next);
        }
        listener.statusObserved(seen, Duration.ZERO);
        if (decision instanceof PollDecision.GiveUp gaveUp) {
            // The record keeps the job: a later run resumes it instead of creating another.
            day.lease.recordState(DayState.of(seen.kind()));
            return new Next.Done(new DayResult.GaveUp(day.day(), gaveUp, seen, day.attempts));
        }
        // Provisional as recorded when the job was created, on this process's clock, never Cometly's created_at
        // (which may be skewed); a job of the open day is never resumed once the day is closed (resumableJob).
        ExportJob job = ((PollDecision.Ready) decision).job();
        day.lease.recordState(DayState.of(job.kind()));
        if (job instanceof ExportJob.Completed completed) {
            return new Next.Download(completed);
        }
        return policies.replacement().mayReplace(day.attempts) ? new Next.Replace(policies.replacement().pause())
                : new Next.Done(new DayResult.JobFailed(day.day(), (ExportJob.Failed) job, day.attempts));
    }

    /** Downloads, verifies and stores the completed job's file, publishing it only while the lease is held. */
    Next download(DayJob day, ExportJob.Completed job, ExportProgressListener listener) {
        try {
            StoredExport result = downloader.download(job, new ExportFileKey(day.id, day.day()), day.request,
                    day.attempts, day.provisional, policies.download(), listener, day.lease::confirm);
            day.lease.recordStored(result);
            return new Next.Done(new DayResult.Stored(day.day(), result, day.attempts));
        } catch (ExportApiException e) {
            if (e.kind() != ExportApiException.Kind.FILE_GONE) {
                throw e;
            }
            // Cometly keeps a job's file only for a while: once it is gone the job can never deliver the day, so it
            // is replaced like a failed job (and never resumed again), counted as an attempt.
            day.lease.recordState(DayState.FAILED);
            if (!policies.replacement().mayReplace(day.attempts)) {
                throw e;
            }
            return new Next.Replace(policies.replacement().pause());
        }
    }

    private DayClosure closure() {
        return policies.closure();
    }
}
