package io.github.cometlyexport.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The API host: {@code POST /public-api/v1/events/exports} and {@code GET …/events/exports/{id}}, and the same for
 * {@code …/contacts/exports} and {@code …/companies/exports} (each dataset's jobs are other resources: an event path
 * does not find a contact job), with Bearer keys mapped to Spaces (401, 403 for inactive keys, 404 across Spaces),
 * injected {@link Faults}, the per-Space {@link SpaceWindows} with {@code X-RateLimit-*} headers and {@code Retry-After}, 422 with field-keyed
 * {@code errors} by the simulator's own {@link SimRequestRules}, and a freshly presigned link on every status
 * request of a completed job. Thread-safe.
 */
final class ApiHost implements HttpHandler {
    private static final String API = "/public-api/v1/";
    private static final List<String> DATASETS = List.of(SimRequest.EVENTS, SimRequest.CONTACTS,
            SimRequest.COMPANIES);

    private final SimulatorConfig config;
    private final Jobs jobs;
    private final SpaceWindows windows;
    private final Faults faults;
    private final Presigner presigner;
    private final Exchanges answer;
    private final Supplier<String> downloadBase;

    ApiHost(SimulatorConfig config, Jobs jobs, SpaceWindows windows, Faults faults, Presigner presigner,
            Exchanges answer, Supplier<String> downloadBase) {
        this.config = config;
        this.jobs = jobs;
        this.windows = windows;
        this.faults = faults;
        this.presigner = presigner;
        this.answer = answer;
        this.downloadBase = downloadBase;
    }

    @Override
    public void handle(HttpExchange ex) {
        Exchanges.host(ex, Journal.Host.API);
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
            String space = key == null ? null : config.keys().get(key);
            if (space != null) {
                Exchanges.space(ex, space);
            }
            String dataset = dataset(path);
            String prefix = API + dataset + "/exports";
            boolean create = ex.getRequestMethod().equals("POST") && path.equals(prefix);
            boolean read = ex.getRequestMethod().equals("GET") && path.startsWith(prefix + "/");
            if (!path.startsWith(prefix)) {
                answer.message(ex, 404, "Not Found");
            } else if (space == null) {
                answer.message(ex, 401, "Unauthenticated.");
            } else if (config.inactiveKeys().contains(key) || faults.refused(key)) {
                answer.message(ex, 403, "Your subscription is inactive.");
            } else if (!create && !read) {
                answer.message(ex, 405, "Method Not Allowed");
            } else if (!injectedFault(ex) && admitted(ex, space, create)) {
                if (create) {
                    create(ex, space, dataset);
                } else {
                    read(ex, space, path.substring(prefix.length() + 1), dataset);
                }
            }
        } catch (IOException | RuntimeException e) {
            answer.unanswered(ex);
        }
    }

    /** @return the dataset whose endpoint the path names (events when none: its prefix then does not match) */
    private static String dataset(String path) {
        for (String d : DATASETS) {
            if (path.startsWith(API + d + "/exports")) {
                return d;
            }
        }
        return SimRequest.EVENTS;
    }

    /** @return whether a fault was answered */
    private boolean injectedFault(HttpExchange ex) throws IOException {
        int status = faults.next();
        if (status == 429) {
            ex.getResponseHeaders().set("Retry-After", "1");
            answer.message(ex, 429, "Too Many Attempts.");
        } else if (status > 0) {
            answer.message(ex, status, "Server Error");
        }
        return status > 0;
    }

    /** Sets the rate headers; answers 429 when the Space's window is spent. */
    private boolean admitted(HttpExchange ex, String space, boolean create) throws IOException {
        int limit = create ? config.createsPerMinute() : config.statusPerMinute();
        SpaceWindows.Admission admission = windows.admit(space, create ? "create" : "status", limit,
                config.clock().instant());
        Headers out = ex.getResponseHeaders();
        out.set("X-RateLimit-Limit", Integer.toString(limit));
        out.set("X-RateLimit-Remaining", Integer.toString(Math.max(0, admission.remaining())));
        if (!admission.admitted()) {
            out.set("Retry-After", Long.toString(admission.retryAfter()));
            answer.message(ex, 429, "Too Many Attempts.");
        }
        return admission.admitted();
    }

    private void create(HttpExchange ex, String space, String dataset) throws IOException {
        JsonObject body;
        try (JsonReader reader = Json.createReader(new InputStreamReader(ex.getRequestBody(),
                StandardCharsets.UTF_8))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                invalid(ex, Map.of("body", List.of("The body must be a JSON object.")));
                return;
            }
            body = object;
        } catch (JsonException e) {
            invalid(ex, Map.of("body", List.of("The body is not valid JSON.")));
            return;
        }
        Exchanges.body(ex, body.toString());
        SimRequestRules.Checked checked = switch (dataset) {
            case SimRequest.CONTACTS -> SimRequestRules.checkContacts(body);
            case SimRequest.COMPANIES -> SimRequestRules.checkCompanies(body);
            default -> SimRequestRules.check(body);
        };
        if (checked.request() == null) {
            invalid(ex, checked.errors());
            return;
        }
        SimJob job = jobs.create(space, checked.request());
        answer.json(ex, 202, Json.createObjectBuilder().add("export_id", job.id).add("status", "queued")
                .add("message", "Export job created successfully.").build());
    }

    private void invalid(HttpExchange ex, Map<String, List<String>> errors) throws IOException {
        JsonObjectBuilder fields = Json.createObjectBuilder();
        errors.forEach((field, messages) -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            messages.forEach(list::add);
            fields.add(field, list);
        });
        answer.json(ex, 422, Json.createObjectBuilder().add("message", "The given data was invalid.")
                .add("errors", fields).build());
    }

    private void read(HttpExchange ex, String space, String idText, String dataset) throws IOException {
        SimJob job = idText.matches("[0-9]{1,18}") ? jobs.byId(Long.parseLong(idText)) : null;
        if (job == null || !job.space.equals(space) || !job.request.dataset().equals(dataset)) {
            answer.message(ex, 404, "Export not found.");
            return;
        }
        Instant now = config.clock().instant();
        SimJob.State state = job.stateAt(now);
        JsonObjectBuilder out = Json.createObjectBuilder().add("export_id", job.id)
                .add("status", job.script.bogusStatus() != null ? job.script.bogusStatus() : state.wireName)
                .add("created_at", second(job.createdAt));
        switch (state) {
            case QUEUED -> out.add("message", "Export is queued.");
            case PROCESSING -> out.add("message", "Export is being processed.");
            case FAILED -> out.add("message", "Export failed: the export could not be generated.");
            case COMPLETED -> out.add("download_url", presigner.presign(downloadBase.get(),
                            DownloadHost.PREFIX + job.objectName, now, config.linkTtl()))
                    .add("completed_at", second(job.completedAt()))
                    .add("expires_at", second(now.plus(config.linkTtl())));
        }
        answer.json(ex, 200, out.build());
    }

    private static String second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
