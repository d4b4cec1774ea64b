package io.github.cometlyexport.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A running stand-in for Cometly's event-export API on loopback. Start it with {@link #start(SimulatorConfig)},
 * point a client at {@link #baseUrl()} with {@link #demoKey()}, and {@link #close()} it when done.
 *
 * <p>It speaks the documented protocol: {@code POST /public-api/v1/events/exports} and
 * {@code GET /public-api/v1/events/exports/{id}} with Bearer keys mapped to Spaces (401, 403, 404 across Spaces,
 * 422 with field-keyed {@code errors} by the same rules as the client's own validation), per-Space sliding
 * 60-second budgets for creates and status requests with {@code X-RateLimit-*} headers and {@code Retry-After},
 * jobs that move {@code queued → processing → completed | failed} on the configured clock, and a fresh presigned
 * link on every status request of a completed job. The download host behaves like S3: 403 {@code AccessDenied}
 * "Request has expired" after expiry, 403 on a bad signature, 400 when an {@code Authorization} header is present,
 * {@code ETag}, {@code Content-Length}, {@code Range} (206 + {@code Content-Range}) and {@code If-Match} (412).
 *
 * <p>Files are generated as a stream into a temporary folder when a job is created, so memory stays flat whatever
 * the size of the day; a job reports {@code completed} only once its file is ready. Thread-safe.
 */
public final class CometlySimulator implements AutoCloseable {

    private static final String API_PREFIX = "/public-api/v1/events/exports";
    private static final String OBJECT_PREFIX = "/exports/";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SimulatorConfig config;
    private final HttpServer api;
    private final HttpServer downloads;
    private final ExecutorService handlers;
    private final ExecutorService generator;
    private final Path folder;
    private final byte[] signingKey;
    private final Journal journal = new Journal();
    private final Map<Long, SimJob> jobs = new HashMap<>();
    private final Map<String, SimJob> objects = new HashMap<>();
    private final Deque<JobScript> scripted = new ArrayDeque<>();
    private final Map<String, Deque<Instant>> windows = new HashMap<>();
    private int cycle;
    private long nextId = 1001;
    private int failNext;
    private int failStatus;
    private int throttleNext;

    private CometlySimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.folder = Files.createTempDirectory("cometly-simulator-");
        this.signingKey = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        this.handlers = Executors.newCachedThreadPool(daemon("cometly-sim-http"));
        this.generator = Executors.newFixedThreadPool(2, daemon("cometly-sim-gen"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.api = HttpServer.create(new InetSocketAddress(loopback, config.port()), 64);
        this.downloads = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        api.createContext("/", this::handleApi);
        downloads.createContext("/", this::handleDownload);
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
    public synchronized void scriptNextJob(JobScript script) {
        scripted.add(Objects.requireNonNull(script, "script"));
    }

    /**
     * The next {@code count} API requests (after authentication) are answered with {@code status} (5xx).
     *
     * @param count  how many
     * @param status e.g. 500 or 503
     */
    public synchronized void failNextApiRequests(int count, int status) {
        failNext = count;
        failStatus = status;
    }

    /**
     * The next {@code count} API requests (after authentication) are answered 429 with {@code Retry-After: 1},
     * as if another process of the Space had spent the budget.
     *
     * @param count how many
     */
    public synchronized void rateLimitNextApiRequests(int count) {
        throttleNext = count;
    }

    /**
     * Changes the script of an existing job, e.g. to add a fault to its downloads.
     *
     * @param exportId the job
     * @param script   its new behaviour (the timeline and events stay as created)
     */
    public synchronized void rescript(long exportId, JobScript script) {
        SimJob job = jobs.get(exportId);
        if (job == null) {
            throw new IllegalArgumentException("no job " + exportId);
        }
        job.script = script;
        job.cutsLeft = script.cutTimes();
        job.stallsLeft = script.stallTimes();
    }

    /**
     * The bytes the download host serves for a completed job, faults included (for tests to compare with).
     *
     * @param exportId the job
     * @return the served object
     * @throws IllegalStateException if the job's file is not ready
     */
    public byte[] servedBytes(long exportId) {
        SimJob job;
        synchronized (this) {
            job = jobs.get(exportId);
        }
        if (job == null || !job.file.isDone()) {
            throw new IllegalStateException("job " + exportId + " has no file yet");
        }
        try (InputStream in = job.open(0)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many jobs exist */
    public synchronized int jobCount() {
        return jobs.size();
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

    // ---------------------------------------------------------------------------------------------- the API

    private void handleApi(HttpExchange ex) {
        String space;
        ex.setAttribute("journal.host", Journal.Host.API);
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
            space = key == null ? null : config.keys().get(key);
            if (space != null) {
                ex.setAttribute("journal.space", space);
            }
            if (!path.startsWith(API_PREFIX)) {
                json(ex, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            if (space == null) {
                json(ex, 401, "{\"message\":\"Unauthenticated.\"}");
                return;
            }
            if (config.inactiveKeys().contains(key)) {
                json(ex, 403, "{\"message\":\"Your subscription is inactive.\"}");
                return;
            }
            boolean create = ex.getRequestMethod().equals("POST") && path.equals(API_PREFIX);
            boolean read = ex.getRequestMethod().equals("GET") && path.startsWith(API_PREFIX + "/");
            if (!create && !read) {
                json(ex, 405, "{\"message\":\"Method Not Allowed\"}");
                return;
            }
            int injected = injectedFault();
            if (injected == 429) {
                ex.getResponseHeaders().set("Retry-After", "1");
                json(ex, 429, "{\"message\":\"Too Many Attempts.\"}");
                return;
            }
            if (injected > 0) {
                json(ex, injected, "{\"message\":\"Server Error\"}");
                return;
            }
            if (!admit(ex, space, create ? "create" : "status", create ? config.createsPerMinute()
                    : config.statusPerMinute())) {
                return;
            }
            if (create) {
                createJob(ex, space);
            } else {
                readJob(ex, space, path.substring(API_PREFIX.length() + 1));
            }
        } catch (IOException | RuntimeException e) {
            journalUnanswered(ex, -1);
        }
    }

    private synchronized int injectedFault() {
        if (throttleNext > 0) {
            throttleNext--;
            return 429;
        }
        if (failNext > 0) {
            failNext--;
            return failStatus;
        }
        return 0;
    }

    /** A sliding 60-second window per Space and bucket. Sets the rate headers; answers 429 when over budget. */
    private boolean admit(HttpExchange ex, String space, String bucket, int limit) throws IOException {
        Instant now = config.clock().instant();
        int remaining;
        long retryAfter = 0;
        synchronized (this) {
            Deque<Instant> window = windows.computeIfAbsent(space + "/" + bucket, k -> new ArrayDeque<>());
            while (!window.isEmpty() && !window.peekFirst().plusSeconds(60).isAfter(now)) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                retryAfter = Math.max(1, (long) Math.ceil(
                        Duration.between(now, window.peekFirst().plusSeconds(60)).toMillis() / 1000.0));
                remaining = -1;
            } else {
                window.addLast(now);
                remaining = limit - window.size();
            }
        }
        Headers out = ex.getResponseHeaders();
        out.set("X-RateLimit-Limit", Integer.toString(limit));
        out.set("X-RateLimit-Remaining", Integer.toString(Math.max(0, remaining)));
        if (remaining < 0) {
            out.set("Retry-After", Long.toString(retryAfter));
            json(ex, 429, "{\"message\":\"Too Many Attempts.\"}");
            return false;
        }
        return true;
    }

    private int createJob(HttpExchange ex, String space) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ExportRequest.Builder builder = ExportRequest.builder();
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            parsed = null;
            errors.computeIfAbsent("body", k -> new ArrayList<>()).add("is not valid JSON: " + e.getMessage());
        }
        if (parsed != null && !(parsed instanceof Map)) {
            errors.computeIfAbsent("body", k -> new ArrayList<>()).add("must be a JSON object");
        }
        if (parsed instanceof Map<?, ?> map) {
            readString(map, "date", errors).ifPresent(builder::date);
            readString(map, "query_mode", errors).ifPresent(builder::queryMode);
            builder.eventNames(readStrings(map, "event_names", errors));
            builder.sources(readStrings(map, "sources", errors));
            readString(map, "attribution_model", errors).ifPresent(builder::attributionModel);
            Object window = map.get("attribution_window");
            if (window instanceof Long l) {
                builder.attributionWindow(l.intValue());
            } else if (window != null) {
                errors.computeIfAbsent("attribution_window", k -> new ArrayList<>()).add("must be an integer");
            }
            builder.fields(readStrings(map, "fields", errors));
        }
        if (errors.isEmpty() || !errors.containsKey("body")) {
            for (Violation v : builder.violations()) {
                errors.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.message());
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder out = new StringBuilder("{\"message\":\"The given data was invalid.\",\"errors\":{");
            int i = 0;
            for (var e : errors.entrySet()) {
                out.append(i++ > 0 ? "," : "").append(Json.quote(e.getKey())).append(":[");
                for (int j = 0; j < e.getValue().size(); j++) {
                    out.append(j > 0 ? "," : "").append(Json.quote(e.getValue().get(j)));
                }
                out.append(']');
            }
            return json(ex, 422, out.append("}}").toString());
        }
        ExportRequest request = builder.build();
        SimJob job;
        synchronized (this) {
            JobScript script = scripted.isEmpty()
                    ? config.scriptCycle().get(cycle++ % config.scriptCycle().size())
                    : scripted.poll();
            job = new SimJob(nextId++, space, config.clock().instant(), script, request);
            jobs.put(job.id, job);
        }
        if (job.script.outcome() == JobScript.Outcome.COMPLETED) {
            long events = job.script.events() >= 0 ? job.script.events() : config.defaultEvents();
            Path target = folder.resolve(job.id + ".json.gz");
            job.file = CompletableFuture.supplyAsync(() -> {
                try {
                    return EventFile.write(target, events, config.seed() * 1_000_003L + job.id, request.date(),
                            request.fields(), config.gzipLevel());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, generator);
        }
        return json(ex, 202, "{\"export_id\":" + job.id
                + ",\"status\":\"queued\",\"message\":\"Export job created successfully.\"}");
    }

    private static java.util.Optional<String> readString(Map<?, ?> map, String field,
                                                         Map<String, List<String>> errors) {
        Object v = map.get(field);
        if (v == null) {
            return java.util.Optional.empty();
        }
        if (v instanceof String s) {
            return java.util.Optional.of(s);
        }
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must be a string");
        return java.util.Optional.empty();
    }

    private static List<String> readStrings(Map<?, ?> map, String field, Map<String, List<String>> errors) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                } else {
                    errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must hold only strings");
                    return List.of();
                }
            }
            return out;
        }
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add("must be an array of strings");
        return List.of();
    }

    private int readJob(HttpExchange ex, String space, String idText) throws IOException {
        SimJob job;
        synchronized (this) {
            Long id = idText.matches("[0-9]{1,18}") ? Long.parseLong(idText) : null;
            job = id == null ? null : jobs.get(id);
        }
        if (job == null || !job.space.equals(space)) {
            return json(ex, 404, "{\"message\":\"Export not found.\"}");
        }
        Instant now = config.clock().instant();
        String state = job.stateAt(now);
        StringBuilder out = new StringBuilder("{\"export_id\":").append(job.id)
                .append(",\"status\":").append(Json.quote(job.script.bogusStatus() != null
                        ? job.script.bogusStatus() : state))
                .append(",\"created_at\":").append(Json.quote(job.createdAt.truncatedTo(ChronoUnit.SECONDS).toString()));
        switch (state) {
            case "queued" -> out.append(",\"message\":\"Export is queued.\"");
            case "processing" -> out.append(",\"message\":\"Export is being processed.\"");
            case "failed" -> out.append(",\"message\":\"Export failed: the export could not be generated.\"");
            default -> {
                Instant expires = now.plus(config.linkTtl());
                String object = job.objectName;
                String amzDate = AMZ_DATE.format(now);
                long ttl = config.linkTtl().toSeconds();
                String signature = sign(OBJECT_PREFIX + object, amzDate, ttl);
                String url = downloadBaseUrl() + OBJECT_PREFIX + object
                        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SIMULATOR%2F"
                        + amzDate.substring(0, 8) + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=" + amzDate
                        + "&X-Amz-Expires=" + ttl + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature;
                out.append(",\"download_url\":").append(Json.quote(url))
                        .append(",\"completed_at\":").append(Json.quote(job.completedAt().truncatedTo(ChronoUnit.SECONDS)
                                .toString()))
                        .append(",\"expires_at\":").append(Json.quote(expires.truncatedTo(ChronoUnit.SECONDS)
                                .toString()));
            }
        }
        return json(ex, 200, out.append('}').toString());
    }

    // ---------------------------------------------------------------------------------------- the download host

    private void handleDownload(HttpExchange ex) throws IOException {
        boolean cut = false;
        ex.setAttribute("journal.host", Journal.Host.DOWNLOAD);
        try {
            serveObject(ex);
        } catch (ConnectionCut c) {
            cut = true;
        } catch (IOException | RuntimeException e) {
            // The client went away mid-body; nothing to answer.
            journalUnanswered(ex, -1);
        }
        if (cut) {
            // An exception out of a handler makes the JDK server drop the connection: the client sees a cut.
            throw new IOException("simulated connection cut");
        }
        ex.close();
    }

    /** Thrown to drop the connection in the middle of a body. */
    private static final class ConnectionCut extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionCut() {
            super("cut", null);
        }
    }

    private int serveObject(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (ex.getRequestHeaders().containsKey("Authorization")) {
            return xml(ex, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified");
        }
        String amzDate = query.get("X-Amz-Date");
        String expiresText = query.get("X-Amz-Expires");
        String signature = query.get("X-Amz-Signature");
        if (amzDate == null || expiresText == null || signature == null
                || !expiresText.matches("[0-9]{1,9}")
                || !constantTimeEquals(signature, sign(path, amzDate, Long.parseLong(expiresText)))) {
            return xml(ex, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided.");
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        if (!config.clock().instant().isBefore(signedAt.plusSeconds(Long.parseLong(expiresText)))) {
            return xml(ex, 403, "AccessDenied", "Request has expired");
        }
        SimJob job;
        synchronized (this) {
            job = path.startsWith(OBJECT_PREFIX) ? objects.get(path.substring(OBJECT_PREFIX.length())) : null;
        }
        if (job == null || !job.file.isDone()) {
            return xml(ex, 404, "NoSuchKey", "The specified key does not exist.");
        }
        EventFile.Written written = job.file.join();
        long length = job.servedLength(written);
        String etag = job.servedEtag(written);
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !ifMatch.equals(etag) && !ifMatch.equals("*")) {
            return xml(ex, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        long start = 0;
        long end = length - 1;
        String range = ex.getRequestHeaders().getFirst("Range");
        boolean partial = false;
        if (range != null) {
            var m = java.util.regex.Pattern.compile("bytes=([0-9]+)-([0-9]*)").matcher(range.trim());
            if (m.matches()) {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(m.group(2)));
                }
                if (start >= length || start > end) {
                    ex.getResponseHeaders().set("Content-Range", "bytes */" + length);
                    return xml(ex, 416, "InvalidRange", "The requested range is not satisfiable");
                }
                partial = true;
            }
        }
        Headers out = ex.getResponseHeaders();
        out.set("ETag", etag);
        out.set("Accept-Ranges", "bytes");
        out.set("Content-Type", "application/gzip");
        if (partial) {
            out.set("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        long count = end - start + 1;
        int status = partial ? 206 : 200;
        if (ex.getRequestMethod().equals("HEAD")) {
            out.set("Content-Length", Long.toString(count));
            send(ex, status, -1);
            return status;
        }
        send(ex, status, count == 0 ? -1 : count);
        long cutAfter;
        long stallAfter;
        synchronized (this) {
            cutAfter = job.cutsLeft > 0 ? job.script.cutAfterBytes() : -1;
            if (cutAfter >= 0) {
                job.cutsLeft--;
            }
            stallAfter = job.stallsLeft > 0 ? job.script.stallAfterBytes() : -1;
            if (stallAfter >= 0) {
                job.stallsLeft--;
            }
        }
        OutputStream body = ex.getResponseBody();
        try (InputStream in = job.open(start)) {
            byte[] buffer = new byte[64 * 1024];
            long sent = 0;
            while (sent < count) {
                if (cutAfter >= 0 && sent >= cutAfter) {
                    body.flush();
                    throw new ConnectionCut();
                }
                if (stallAfter >= 0 && sent >= stallAfter) {
                    body.flush();
                    sleepQuietly(job.script.stallFor());
                    stallAfter = -1;
                }
                long limit = count - sent;
                if (cutAfter >= 0) {
                    limit = Math.min(limit, cutAfter - sent);
                }
                if (stallAfter >= 0) {
                    limit = Math.min(limit, stallAfter - sent);
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit));
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
                sent += n;
            }
        }
        return status;
    }

    private static void sleepQuietly(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String sign(String path, String amzDate, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((path + "\n" + amzDate + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /**
     * Journals the exchange, then sends the status line and headers. Journaling first means a client that has its
     * answer always finds the request in the journal.
     */
    private void send(HttpExchange ex, int status, long length) throws IOException {
        Headers h = ex.getRequestHeaders();
        Journal.Host host = (Journal.Host) ex.getAttribute("journal.host");
        journal.add(new Journal.Entry(host, ex.getRequestMethod(), ex.getRequestURI().getPath(), status,
                h.containsKey("Authorization"), h.getFirst("Range"), h.getFirst("If-Match"),
                (String) ex.getAttribute("journal.space")));
        ex.setAttribute("journal.done", Boolean.TRUE);
        ex.sendResponseHeaders(status, length);
    }

    /** Journals an exchange that ended before any answer was sent (the client went away, an internal error). */
    private void journalUnanswered(HttpExchange ex, int status) {
        if (ex.getAttribute("journal.done") == null) {
            Headers h = ex.getRequestHeaders();
            journal.add(new Journal.Entry((Journal.Host) ex.getAttribute("journal.host"), ex.getRequestMethod(),
                    ex.getRequestURI().getPath(), status, h.containsKey("Authorization"), h.getFirst("Range"),
                    h.getFirst("If-Match"), (String) ex.getAttribute("journal.space")));
        }
    }

    private int json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, bytes.length);
        ex.getResponseBody().write(bytes);
        return status;
    }

    private int xml(HttpExchange ex, int status, String code, String message) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>SIMULATOR</RequestId></Error>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        send(ex, status, bytes.length);
        ex.getResponseBody().write(bytes);
        return status;
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

    /** One job's state. Guarded by the simulator's lock, except the immutable parts. */
    private final class SimJob {
        final long id;
        final String space;
        final Instant createdAt;
        final ExportRequest request;
        final String objectName = UUID.randomUUID() + ".json.gz";
        JobScript script;
        int cutsLeft;
        int stallsLeft;
        CompletableFuture<EventFile.Written> file = new CompletableFuture<>();

        SimJob(long id, String space, Instant createdAt, JobScript script, ExportRequest request) {
            this.id = id;
            this.space = space;
            this.createdAt = createdAt;
            this.script = script;
            this.request = request;
            this.cutsLeft = script.cutTimes();
            this.stallsLeft = script.stallTimes();
            objects.put(objectName, this);
        }

        Instant completedAt() {
            return createdAt.plus(script.queuedFor()).plus(script.processingFor());
        }

        String stateAt(Instant now) {
            if (script.outcome() == JobScript.Outcome.STAY_QUEUED || now.isBefore(createdAt.plus(script.queuedFor()))) {
                return "queued";
            }
            if (now.isBefore(completedAt())) {
                return "processing";
            }
            if (script.outcome() == JobScript.Outcome.FAILED) {
                return "failed";
            }
            // A big file is still being written: the job is still processing, as at Cometly.
            return file.isDone() && !file.isCompletedExceptionally() ? "completed" : "processing";
        }

        long servedLength(EventFile.Written written) {
            return Math.max(0, written.length() - script.truncateBytes());
        }

        String servedEtag(EventFile.Written written) {
            if (script.truncateBytes() > 0 || script.flipByteAt() >= 0) {
                return written.etag().substring(0, written.etag().length() - 1) + "-faulty\"";
            }
            return written.etag();
        }

        /** The served bytes from {@code offset}, with a flipped byte applied on the fly. */
        InputStream open(long offset) throws IOException {
            InputStream in = Files.newInputStream(folder.resolve(id + ".json.gz"));
            in.skipNBytes(offset);
            long flip = script.flipByteAt();
            long limit = servedLength(file.join());
            return new InputStream() {
                private long pos = offset;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (pos >= limit) {
                        return -1;
                    }
                    int n = in.read(b, off, (int) Math.min(len, limit - pos));
                    if (n > 0) {
                        if (flip >= pos && flip < pos + n) {
                            b[off + (int) (flip - pos)] ^= (byte) 0x5a;
                        }
                        pos += n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }
}
