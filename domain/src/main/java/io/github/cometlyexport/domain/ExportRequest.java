package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * @throws InvalidExportRequestException listing every broken rule
     */
    public ExportRequest {
        queryMode = queryMode == null ? QueryMode.PROFILE : queryMode;
        eventNames = canonical(eventNames);
        sources = canonical(sources);
        fields = canonical(fields);
        List<Violation> violations = new ArrayList<>();
        ExportRequestRules.check(date, eventNames, sources, attributionModel, attributionWindow, fields, violations);
        if (!violations.isEmpty()) {
            throw new InvalidExportRequestException(violations);
        }
    }

    /**
     * Event names, sources and fields are sets to the API: their order means nothing. Kept sorted, two requests
     * that differ only in order are equal, and so are their JSON forms (a table's filters, a manifest).
     */
    private static List<String> canonical(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        return Collections.unmodifiableList(sorted);
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

    /**
     * @return the request's filters: {@link #wireFields()} without the day, which every day of one table shares
     */
    public Map<String, Object> filters() {
        Map<String, Object> out = new LinkedHashMap<>(wireFields());
        out.remove("date");
        return Collections.unmodifiableMap(out);
    }

    /**
     * The request as the create endpoint's JSON body spells it, and as manifests record it: an ordered map from the
     * API's field names to strings, integers and lists of strings; members not given are left out. The one mapping
     * of a request to JSON: every adapter serialises this map with its own JSON library.
     *
     * @return {@code date}, {@code query_mode}, then {@code event_names}, {@code sources},
     *         {@code attribution_model}, {@code attribution_window}, {@code fields} when given
     */
    public Map<String, Object> wireFields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", dateText());
        out.put("query_mode", queryMode.wireName());
        if (!eventNames.isEmpty()) {
            out.put("event_names", eventNames);
        }
        if (!sources.isEmpty()) {
            out.put("sources", sources);
        }
        if (attributionModel != null) {
            out.put("attribution_model", attributionModel.wireName());
        }
        if (attributionWindow != null) {
            out.put("attribution_window", attributionWindow);
        }
        if (!fields.isEmpty()) {
            out.put("fields", fields);
        }
        return Collections.unmodifiableMap(out);
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
            ExportRequestRules.check(date, eventNames, sources, model, window, fields, out);
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
                out.add(new Violation("date", Redaction.echo(dateText) + " is not a calendar date in the form "
                        + "YYYY-MM-DD"));
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
