package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one export job asks for: one calendar day of events (in the Space's own time zone), optionally narrowed
 * to some event names and sources, with the fields each exported line carries.
 *
 * <p>Every instance obeys every rule of Cometly's create endpoint; an invalid one cannot be built. Use
 * {@link #builder()} to turn user input into a request: it checks everything and reports <em>all</em> violations
 * at once in an {@link InvalidExportRequestException}, each naming the JSON field ({@code date},
 * {@code query_mode}, {@code event_names}, {@code sources}, {@code attribution_model},
 * {@code attribution_window}, {@code fields}).
 *
 * <p>Rules: {@code event_names} 1–10 without duplicates, each a standard name or {@code custom_event_1} …
 * {@code custom_event_50}; {@code sources} 1–15 without duplicates, lower-case identifiers; with sources,
 * {@code attribution_model} and {@code attribution_window} are required; {@code attribution_window} is one of
 * {@code 0 1 7 14 30 60 90} days ({@code 0} = lifetime); {@code fields} are unique lower-case identifiers.
 * An empty list means "not given". Immutable and thread-safe; lists are copied.
 *
 * @param date              the day to export; required
 * @param queryMode         contact or company level; never null ({@link QueryMode#PROFILE} by default)
 * @param eventNames        event names to include; empty means all
 * @param sources           sources to attribute to; empty means none
 * @param attributionModel  the attribution model; {@code null} when not given (required with sources)
 * @param attributionWindow the attribution window in days; {@code null} when not given (required with sources)
 * @param fields            the keys each line carries besides {@code id} and {@code event_time_utc}; empty means
 *                          the API's default
 */
public record ExportRequest(
        LocalDate date,
        QueryMode queryMode,
        List<String> eventNames,
        List<String> sources,
        AttributionModel attributionModel,
        Integer attributionWindow,
        List<String> fields) {

    /** The standard event names of the API. */
    public static final Set<String> STANDARD_EVENT_NAMES = Set.of(
            "add_payment_info", "add_to_cart", "complete_registration", "contact", "initiate_checkout",
            "lead_generated", "purchase", "schedule", "sign_up", "start_trial", "submit_application", "subscribe",
            "upsell_purchase", "view_content", "webinar_registration");

    /** The attribution windows the API accepts, in days; 0 means lifetime. */
    public static final Set<Integer> ATTRIBUTION_WINDOWS = Set.of(0, 1, 7, 14, 30, 60, 90);

    /** Most event names per request. */
    public static final int MAX_EVENT_NAMES = 10;
    /** Most sources per request. */
    public static final int MAX_SOURCES = 15;
    /** Highest {@code custom_event_N}. */
    public static final int MAX_CUSTOM_EVENT = 50;

    private static final Pattern CUSTOM_EVENT = Pattern.compile("custom_event_([1-9][0-9]?)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * @throws InvalidExportRequestException listing every broken rule
     */
    public ExportRequest {
        queryMode = queryMode == null ? QueryMode.PROFILE : queryMode;
        eventNames = eventNames == null ? List.of() : List.copyOf(eventNames);
        sources = sources == null ? List.of() : List.copyOf(sources);
        fields = fields == null ? List.of() : List.copyOf(fields);
        List<Violation> violations = new ArrayList<>();
        checkTyped(date, eventNames, sources, attributionModel, attributionWindow, fields, violations);
        if (!violations.isEmpty()) {
            throw new InvalidExportRequestException(violations);
        }
    }

    /** @return a builder that takes raw user input and validates it all at once */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder().date(date).queryMode(queryMode.wireName())
                .eventNames(eventNames).sources(sources).fields(fields).attributionWindow(attributionWindow);
        return attributionModel == null ? b : b.attributionModel(attributionModel.wireName());
    }

    /** @return the date as the API spells it, {@code YYYY-MM-DD} */
    public String dateText() {
        return DATE.format(date);
    }

    private static void checkTyped(LocalDate date, List<String> eventNames, List<String> sources,
                                   AttributionModel model, Integer window, List<String> fields,
                                   List<Violation> out) {
        if (date == null) {
            out.add(new Violation("date", "is required (YYYY-MM-DD)"));
        }
        if (eventNames.size() > MAX_EVENT_NAMES) {
            out.add(new Violation("event_names", "at most " + MAX_EVENT_NAMES + " names, got " + eventNames.size()));
        }
        duplicates("event_names", eventNames, out);
        for (String name : eventNames) {
            if (!isKnownEventName(name)) {
                out.add(new Violation("event_names", "unknown event name '" + name
                        + "' (a standard name or custom_event_1 … custom_event_" + MAX_CUSTOM_EVENT + ")"));
            }
        }
        if (sources.size() > MAX_SOURCES) {
            out.add(new Violation("sources", "at most " + MAX_SOURCES + " sources, got " + sources.size()));
        }
        duplicates("sources", sources, out);
        identifiers("sources", sources, out);
        if (!sources.isEmpty() && model == null) {
            out.add(new Violation("attribution_model", "is required when sources are given (one of "
                    + AttributionModel.documentedValues() + ")"));
        }
        if (!sources.isEmpty() && window == null) {
            out.add(new Violation("attribution_window", "is required when sources are given (one of "
                    + windows() + ")"));
        }
        if (window != null && !ATTRIBUTION_WINDOWS.contains(window)) {
            out.add(new Violation("attribution_window", "must be one of " + windows() + " days, got " + window));
        }
        duplicates("fields", fields, out);
        identifiers("fields", fields, out);
    }

    private static String windows() {
        return "0 (lifetime), 1, 7, 14, 30, 60, 90";
    }

    /**
     * @param name an event name
     * @return whether the API knows it: a standard name or {@code custom_event_1} … {@code custom_event_50}
     */
    public static boolean isKnownEventName(String name) {
        if (name == null) {
            return false;
        }
        if (STANDARD_EVENT_NAMES.contains(name)) {
            return true;
        }
        var m = CUSTOM_EVENT.matcher(name);
        return m.matches() && Integer.parseInt(m.group(1)) <= MAX_CUSTOM_EVENT;
    }

    private static void duplicates(String field, List<String> values, List<Violation> out) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                repeated.add(v);
            }
        }
        if (!repeated.isEmpty()) {
            out.add(new Violation(field, "duplicates are not allowed: " + String.join(", ", repeated)));
        }
    }

    private static void identifiers(String field, List<String> values, List<Violation> out) {
        for (String v : values) {
            if (v == null || !IDENTIFIER.matcher(v).matches()) {
                out.add(new Violation(field, "'" + v + "' is not a lower-case identifier (a-z, 0-9, _)"));
            }
        }
    }

    /**
     * Collects raw input (strings as a user or a config file gives them) and turns it into an
     * {@link ExportRequest}, reporting every violation at once. Not thread-safe.
     */
    public static final class Builder {
        private String dateText;
        private String queryModeText;
        private List<String> eventNames = new ArrayList<>();
        private List<String> sources = new ArrayList<>();
        private String modelText;
        private Integer window;
        private List<String> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param date the day, {@code YYYY-MM-DD}
         * @return this builder
         */
        public Builder date(String date) {
            this.dateText = date;
            return this;
        }

        /**
         * @param date the day
         * @return this builder
         */
        public Builder date(LocalDate date) {
            this.dateText = date == null ? null : DATE.format(date);
            return this;
        }

        /**
         * @param mode {@code profile} or {@code company}; {@code null} for the default
         * @return this builder
         */
        public Builder queryMode(String mode) {
            this.queryModeText = mode;
            return this;
        }

        /**
         * @param names event names, replacing any given before; null means none
         * @return this builder
         */
        public Builder eventNames(List<String> names) {
            this.eventNames = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /**
         * @param names sources, replacing any given before; null means none
         * @return this builder
         */
        public Builder sources(List<String> names) {
            this.sources = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /**
         * @param model an attribution model as the API spells it, or {@code null}
         * @return this builder
         */
        public Builder attributionModel(String model) {
            this.modelText = model;
            return this;
        }

        /**
         * @param days an attribution window in days, or {@code null}
         * @return this builder
         */
        public Builder attributionWindow(Integer days) {
            this.window = days;
            return this;
        }

        /**
         * @param names field names, replacing any given before; null means none
         * @return this builder
         */
        public Builder fields(List<String> names) {
            this.fields = names == null ? new ArrayList<>() : new ArrayList<>(names);
            return this;
        }

        /** @return every rule the input breaks, empty when {@link #build()} would succeed */
        public List<Violation> violations() {
            List<Violation> out = new ArrayList<>();
            LocalDate date = parseDate(out);
            parseMode(out);
            AttributionModel model = parseModel(out);
            checkTyped(date, eventNames, sources, model, window, fields, out);
            // A date that failed to parse is reported once, by parseDate, not again as "required".
            if (dateText != null && date == null) {
                out.removeIf(v -> v.field().equals("date") && v.message().startsWith("is required"));
            }
            return out;
        }

        /**
         * @return the request
         * @throws InvalidExportRequestException listing every broken rule
         */
        public ExportRequest build() {
            List<Violation> violations = violations();
            if (!violations.isEmpty()) {
                throw new InvalidExportRequestException(violations);
            }
            return new ExportRequest(parseDate(new ArrayList<>()), parseMode(new ArrayList<>()), eventNames,
                    sources, parseModel(new ArrayList<>()), window, fields);
        }

        private LocalDate parseDate(List<Violation> out) {
            if (dateText == null) {
                return null;
            }
            try {
                return LocalDate.parse(dateText, DATE);
            } catch (DateTimeParseException e) {
                out.add(new Violation("date", "'" + dateText + "' is not a calendar date in the form YYYY-MM-DD"));
                return null;
            }
        }

        private QueryMode parseMode(List<Violation> out) {
            if (queryModeText == null) {
                return QueryMode.PROFILE;
            }
            return QueryMode.fromWireName(queryModeText).orElseGet(() -> {
                out.add(new Violation("query_mode", "must be profile or company, got '" + queryModeText + "'"));
                return null;
            });
        }

        private AttributionModel parseModel(List<Violation> out) {
            if (modelText == null) {
                return null;
            }
            return AttributionModel.fromWireName(modelText).orElseGet(() -> {
                out.add(new Violation("attribution_model", "unknown model '" + modelText + "' (one of "
                        + AttributionModel.documentedValues() + ")"));
                // Counts as given, so that "required with sources" is not reported on top.
                return AttributionModel.LAST_TOUCH;
            });
        }
    }
}
