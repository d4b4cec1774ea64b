package io.github.cometlyexport.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A running stand-in for Cometly's event-export API on loopback. Start it with {@link #start(SimulatorConfig)},
 * point a client at {@link #baseUrl()} with {@link #demoKey()}, and {@link #close()} it when done.
 *
 * <p>A façade over its parts: the API host ({@link ApiHost}: Spaces, keys, both rate limits in
 * {@link SpaceWindows}, the simulator's own request rules, injected {@link Faults}), the S3-like download host
 * ({@link DownloadHost}, links from the {@link Presigner}), and the board of {@link Jobs} whose states follow the
 * configured clock. Files are generated as a stream into a temporary folder when a job is created, so memory stays
 * flat whatever the size of the day; a job reports {@code completed} only once its file is ready. Thread-safe.
 */
public final class CometlySimulator implements AutoCloseable {
    private final SimulatorConfig config;
    private final HttpServer api;
    private final HttpServer downloads;
    private final ExecutorService handlers;
    private final ExecutorService generator;
    private final Path folder;
    private final Journal journal = new Journal();
    private final Faults faults = new Faults();
    private final Jobs jobs;
    private final Exchanges answer;

    private CometlySimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.folder = Files.createTempDirectory("cometly-simulator-");
        this.handlers = Executors.newCachedThreadPool(daemon("cometly-sim-http"));
        this.generator = Executors.newFixedThreadPool(2, daemon("cometly-sim-gen"));
        this.jobs = new Jobs(config, folder, generator);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.api = HttpServer.create(new InetSocketAddress(loopback, config.port()), 64);
        this.downloads = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        Presigner presigner = new Presigner();
        this.answer = new Exchanges(journal);
        api.createContext("/", new ApiHost(config, jobs, new SpaceWindows(), faults, presigner, answer,
                () -> downloadBaseUrl().toString()));
        downloads.createContext("/", new DownloadHost(config, jobs, presigner, answer));
        api.setExecutor(handlers);
        downloads.setExecutor(handlers);
    }

    /**
     * Starts a simulator.
     *
     * @param config how it behaves
     * @return the running simulator; close it to stop it and delete its files
     * @throws UncheckedIOException if a port cannot be bound or the temporary folder cannot be made
     */
    public static CometlySimulator start(SimulatorConfig config) {
        try {
            CometlySimulator sim = new CometlySimulator(Objects.requireNonNull(config, "config"));
            sim.api.start();
            sim.downloads.start();
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Cometly simulator: " + e.getMessage(), e);
        }
    }

    /** @return a simulator with {@link SimulatorConfig#defaults()} */
    public static CometlySimulator start() {
        return start(SimulatorConfig.defaults());
    }

    /** @return the API base URL, e.g. {@code http://127.0.0.1:54321/public-api/v1} */
    public URI baseUrl() {
        return URI.create("http://" + hostPort(api) + "/public-api/v1");
    }

    /** @return the base of the download host, which differs from the API's by port */
    public URI downloadBaseUrl() {
        return URI.create("http://" + hostPort(downloads));
    }

    /** @return the first configured key (the demo key by default) */
    public String demoKey() {
        return config.keys().keySet().stream().sorted().filter(k -> !config.inactiveKeys().contains(k)).findFirst()
                .orElseThrow();
    }

    /** @return the request journal */
    public Journal journal() {
        return journal;
    }

    /** @return the configuration it runs with */
    public SimulatorConfig config() {
        return config;
    }

    /**
     * The next job created (in any Space) follows {@code script}; several calls queue several scripts.
     *
     * @param script how the job behaves
     */
    public void scriptNextJob(JobScript script) {
        jobs.scriptNext(script);
    }

    /**
     * From now on, every API request with this key is refused with 403 (an inactive subscription), as if it had been
     * listed in {@link SimulatorConfig#inactiveKeys()}: a key revoked while a host runs.
     *
     * @param key a key the simulator knows
     * @throws IllegalArgumentException if it does not know the key
     */
    public void refuseKey(String key) {
        if (!config.keys().containsKey(key)) {
            throw new IllegalArgumentException("the simulator knows no such key");
        }
        faults.refuse(key);
    }

    /**
     * The next {@code count} API requests (after authentication) are answered with {@code status} (5xx).
     *
     * @param count  how many
     * @param status e.g. 500 or 503
     */
    public void failNextApiRequests(int count, int status) {
        faults.failNext(count, status);
    }

    /**
     * The next {@code count} API requests (after authentication) are answered 429 with {@code Retry-After: 1},
     * as if another process of the Space had spent the budget.
     *
     * @param count how many
     */
    public void rateLimitNextApiRequests(int count) {
        faults.throttleNext(count);
    }

    /**
     * The files of the next {@code count} jobs created are gone from the bucket as soon as they are written: the jobs
     * complete with a link, and the download answers 404 {@code NoSuchKey} (Cometly keeps files only for a while).
     *
     * @param count how many
     */
    public void loseFilesOfNextJobs(int count) {
        jobs.loseNextFiles(count);
    }

    /**
     * The file of an existing job is gone from the bucket: its status stays as it is, its download answers 404
     * {@code NoSuchKey}.
     *
     * @param exportId the job
     * @throws IllegalArgumentException if there is no such job
     */
    public void loseFile(long exportId) {
        jobs.loseFile(exportId);
    }

    /**
     * Holds the next API answer (of any request: a create, a status, an injected fault) until the test releases it:
     * the request is handled and journaled first (a create has made its job), then the simulator waits, so that a
     * test can act while the client waits for the answer. Several calls hold several answers in turn.
     *
     * @return the hold: wait for its arrival, then release it
     */
    public AnswerHold holdNextApiAnswer() {
        return answer.holdNext();
    }

    /**
     * Changes the script of an existing job, e.g. to add a fault to its downloads.
     *
     * @param exportId the job
     * @param script   its new behaviour (the timeline and events stay as created)
     * @throws IllegalArgumentException if there is no such job
     */
    public void rescript(long exportId, JobScript script) {
        jobs.rescript(exportId, script);
    }

    /**
     * The bytes the download host serves for a completed job, faults included (for tests to compare with).
     *
     * @param exportId the job
     * @return the served object
     * @throws IllegalStateException if the job's file is not ready
     */
    public byte[] servedBytes(long exportId) {
        SimJob job = jobs.byId(exportId);
        if (job == null || !job.written.isDone()) {
            throw new IllegalStateException("job " + exportId + " has no file yet");
        }
        try (InputStream in = job.open(0)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many jobs exist */
    public int jobCount() {
        return jobs.count();
    }

    /** Stops both hosts and deletes the generated files. */
    @Override
    public void close() {
        api.stop(0);
        downloads.stop(0);
        handlers.shutdownNow();
        generator.shutdownNow();
        try {
            generator.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder the OS will clean up anyway.
        }
    }

    private static String hostPort(HttpServer server) {
        InetSocketAddress a = server.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
