package io.github.cometlyexport.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The board of simulated jobs: creates them with the next script (queued by a test, else the configured cycle),
 * starts generating a completed job's file in the background, and finds jobs by id or by object name.
 * Thread-safe.
 */
final class Jobs {
    private final SimulatorConfig config;
    private final Path folder;
    private final ExecutorService generator;
    private final Map<Long, SimJob> byId = new HashMap<>();
    private final Map<String, SimJob> byObject = new HashMap<>();
    private final Deque<JobScript> scripted = new ArrayDeque<>();
    private final Map<String, SimJob> sharedFiles = new HashMap<>();
    private int cycle;
    private int loseNext;
    private long nextId = 1001;

    Jobs(SimulatorConfig config, Path folder, ExecutorService generator) {
        this.config = config;
        this.folder = folder;
        this.generator = generator;
    }

    synchronized SimJob create(String space, SimRequest request) {
        JobScript script = scripted.isEmpty()
                ? config.scriptCycle().get(cycle++ % config.scriptCycle().size())
                : scripted.poll();
        long id = nextId++;
        long events = script.events() >= 0 ? script.events() : config.defaultEvents();
        boolean completes = script.outcome() == JobScript.Outcome.COMPLETED;
        String dataKey = events + " " + request.dataset() + " " + request.tokens() + request.emails() + " "
                + request.fields() + " " + request.eventNames();
        SimJob sameData = config.shareFiles() && completes ? sharedFiles.get(dataKey) : null;
        SimJob job = new SimJob(id, space, config.clock().instant(), script, request,
                sameData != null ? sameData.file : folder.resolve(id + ".json.gz"));
        byId.put(job.id, job);
        byObject.put(job.objectName, job);
        if (loseNext > 0) {
            loseNext--;
            job.fileGone = true;
        }
        if (sameData != null) {
            job.written = sameData.written;
        } else if (completes) {
            if (config.shareFiles()) {
                sharedFiles.put(dataKey, job);
            }
            // Generated in the background (submitting does not block under this lock).
            job.written = CompletableFuture.supplyAsync(() -> {
                try {
                    long seed = config.seed() * 1_000_003L + job.id;
                    return switch (request.dataset()) {
                        case SimRequest.CONTACTS -> EventFile.writeContacts(job.file, events, seed, request,
                                config.gzipLevel());
                        case SimRequest.COMPANIES -> EventFile.writeCompanies(job.file, events, seed, request,
                                config.gzipLevel());
                        default -> EventFile.write(job.file, events, seed, request.date(), request.fields(),
                                request.eventNames(), config.lineProfile(), config.gzipLevel());
                    };
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, generator);
        }
        return job;
    }

    synchronized void scriptNext(JobScript script) {
        scripted.add(Objects.requireNonNull(script, "script"));
    }

    synchronized void loseNextFiles(int count) {
        loseNext = count;
    }

    synchronized void loseFile(long id) {
        SimJob job = byId.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        job.fileGone = true;
    }

    synchronized void rescript(long id, JobScript script) {
        SimJob job = byId.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        job.rescript(script);
    }

    synchronized SimJob byId(long id) {
        return byId.get(id);
    }

    synchronized SimJob byObject(String name) {
        return byObject.get(name);
    }

    synchronized int count() {
        return byId.size();
    }

    /** @return how many bytes to serve before a cut, or -1; uses one cut up */
    synchronized long takeCut(SimJob job) {
        if (job.cutsLeft <= 0) {
            return -1;
        }
        job.cutsLeft--;
        return job.script.cutAfterBytes();
    }

    /** @return how many bytes to serve before a stall, or -1; uses one stall up */
    synchronized long takeStall(SimJob job) {
        if (job.stallsLeft <= 0) {
            return -1;
        }
        job.stallsLeft--;
        return job.script.stallAfterBytes();
    }
}
