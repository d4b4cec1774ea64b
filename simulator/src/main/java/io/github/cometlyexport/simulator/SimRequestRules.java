package io.github.cometlyexport.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulator's own reading of Cometly's create rules, written from the API documentation independently of the
 * client's {@code ExportRequest}, so that a mistake in the client's validation cannot hide behind the same mistake
 * here. Every broken rule is reported, keyed by field, as Cometly's 422 body does. Thread-safe.
 */
final class SimRequestRules {
    private static final Set<String> STANDARD_EVENTS = Set.of("add_payment_info", "add_to_cart",
            "complete_registration", "contact", "initiate_checkout", "lead_generated", "purchase", "schedule",
            "sign_up", "start_trial", "submit_application", "subscribe", "upsell_purchase", "view_content",
            "webinar_registration");
    private static final Pattern CUSTOM_EVENT = Pattern.compile("custom_event_([1-9]|[1-4][0-9]|50)");
    private static final Set<String> MODELS = Set.of("first_touch", "last_touch", "linear", "first_platform_touch",
            "last_platform_touch", "linear_paid", "u_shaped", "last_non_direct_touch");
    private static final Set<Integer> WINDOWS = Set.of(0, 1, 7, 14, 30, 60, 90);
    private static final Set<String> QUERY_MODES = Set.of("profile", "company");
    private static final Pattern LOWER_IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** A checked body: the request, or every error by field. */
    record Checked(SimRequest request, Map<String, List<String>> errors) {
    }

    private SimRequestRules() {
    }

    static Checked check(JsonObject body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        LocalDate date = date(body.get("date"), errors);
        oneOf(body, "query_mode", QUERY_MODES, errors);
        List<String> events = strings(body, "event_names", 1, 10, errors);
        for (String name : events) {
            if (!STANDARD_EVENTS.contains(name) && !CUSTOM_EVENT.matcher(name).matches()) {
                error(errors, "event_names", "The event name '" + name + "' is not valid.");
            }
        }
        List<String> sources = strings(body, "sources", 1, 15, errors);
        identifiers("sources", sources, errors);
        boolean hasSources = body.containsKey("sources");
        if (hasSources && !body.containsKey("attribution_model")) {
            error(errors, "attribution_model", "The attribution model field is required when sources is present.");
        }
        oneOf(body, "attribution_model", MODELS, errors);
        JsonValue window = body.get("attribution_window");
        if (window == null) {
            if (hasSources) {
                error(errors, "attribution_window", "The attribution window field is required when sources is "
                        + "present.");
            }
        } else if (!(window instanceof JsonNumber n) || !n.isIntegral() || !WINDOWS.contains(n.intValue())) {
            error(errors, "attribution_window", "The selected attribution window is invalid.");
        }
        List<String> fields = strings(body, "fields", 1, Integer.MAX_VALUE, errors);
        identifiers("fields", fields, errors);
        return new Checked(errors.isEmpty() ? SimRequest.events(date, fields, events) : null, errors);
    }

    /**
     * A contact export's body, by the documentation of {@code POST /contacts/exports}: {@code start_date} and
     * {@code end_date} required, {@code YYYY-MM-DD HH:MM:SS}, the end after the start; {@code include_comet_tokens}
     * and {@code include_all_emails} optional, {@code 1} or {@code 0}; no other field.
     */
    static Checked checkContacts(JsonObject body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        LocalDateTime[] range = range(body, errors);
        boolean tokens = flag(body, "include_comet_tokens", errors);
        boolean emails = flag(body, "include_all_emails", errors);
        onlyKeys(body, Set.of("start_date", "end_date", "include_comet_tokens", "include_all_emails"), "contact",
                errors);
        return new Checked(errors.isEmpty()
                ? new SimRequest(SimRequest.CONTACTS, range[0], range[1], List.of(), tokens, emails, List.of()) : null, errors);
    }

    /**
     * A company export's body, by the documentation of {@code POST /companies/exports}: {@code start_date} and
     * {@code end_date} required, {@code YYYY-MM-DD HH:MM:SS}, the end after the start; no other parameter is
     * documented, so any other field is refused.
     */
    static Checked checkCompanies(JsonObject body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        LocalDateTime[] range = range(body, errors);
        onlyKeys(body, Set.of("start_date", "end_date"), "company", errors);
        return new Checked(errors.isEmpty()
                ? new SimRequest(SimRequest.COMPANIES, range[0], range[1], List.of(), false, false, List.of()) : null, errors);
    }

    /** @return {@code start_date} and {@code end_date}, either null when broken (reported) */
    private static LocalDateTime[] range(JsonObject body, Map<String, List<String>> errors) {
        LocalDateTime start = dateTime(body, "start_date", errors);
        LocalDateTime end = dateTime(body, "end_date", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            error(errors, "end_date", "The end date must be a date after start date.");
        }
        return new LocalDateTime[] {start, end};
    }

    private static void onlyKeys(JsonObject body, Set<String> allowed, String kind,
                                 Map<String, List<String>> errors) {
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                error(errors, key, "The " + key + " field is not allowed for " + kind + " exports.");
            }
        }
    }

    private static LocalDateTime dateTime(JsonObject body, String key, Map<String, List<String>> errors) {
        JsonValue v = body.get(key);
        if (v == null) {
            error(errors, key, "The " + key.replace('_', ' ') + " field is required.");
            return null;
        }
        try {
            if (v instanceof JsonString s) {
                return LocalDateTime.parse(s.getString(), DATE_TIME);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        error(errors, key, "The " + key.replace('_', ' ') + " field must match the format Y-m-d H:i:s.");
        return null;
    }

    private static boolean flag(JsonObject body, String key, Map<String, List<String>> errors) {
        JsonValue v = body.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && (n.intValue() == 0 || n.intValue() == 1)) {
            return n.intValue() == 1;
        }
        error(errors, key, "The " + key.replace('_', ' ') + " field must be 1 or 0.");
        return false;
    }

    private static LocalDate date(JsonValue value, Map<String, List<String>> errors) {
        if (value == null) {
            error(errors, "date", "The date field is required.");
            return null;
        }
        try {
            if (value instanceof JsonString s) {
                return LocalDate.parse(s.getString(), DATE);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        error(errors, "date", "The date does not match the format Y-m-d.");
        return null;
    }

    private static void oneOf(JsonObject body, String field, Set<String> allowed, Map<String, List<String>> errors) {
        JsonValue v = body.get(field);
        if (v != null && !(v instanceof JsonString s && allowed.contains(s.getString()))) {
            error(errors, field, "The selected " + field.replace('_', ' ') + " is invalid.");
        }
    }

    private static List<String> strings(JsonObject body, String field, int min, int max,
                                        Map<String, List<String>> errors) {
        JsonValue v = body.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray array) || !array.stream().allMatch(x -> x instanceof JsonString)) {
            error(errors, field, "The " + field.replace('_', ' ') + " must be an array of strings.");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(((JsonString) x).getString()));
        if (out.size() < min) {
            error(errors, field, "The " + field.replace('_', ' ') + " must have at least " + min + " items.");
        } else if (out.size() > max) {
            error(errors, field, "The " + field.replace('_', ' ') + " may not have more than " + max + " items.");
        }
        if (new HashSet<>(out).size() != out.size()) {
            error(errors, field, "The " + field.replace('_', ' ') + " field has a duplicate value.");
        }
        return out;
    }

    private static void identifiers(String field, List<String> values, Map<String, List<String>> errors) {
        for (String v : values) {
            if (!LOWER_IDENTIFIER.matcher(v).matches()) {
                error(errors, field, "The value '" + v + "' is not a valid " + field.replace('_', ' ') + " entry.");
            }
        }
    }

    private static void error(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
