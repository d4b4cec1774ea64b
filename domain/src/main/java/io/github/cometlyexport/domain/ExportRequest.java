package io.github.cometlyexport.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one export job asks for: one calendar day (in the Space's own time zone) of events, optionally narrowed
 * to some event names and sources, with the fields each exported line carries; or the contacts created that day,
 * optionally with their tracking tokens and every email of merged profiles; or the companies created that day.
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
 * An empty list means "not given". Contacts and companies take none of those filters, and events and companies
 * take none of the contact options (reported as violations). Immutable and thread-safe; lists are copied.
 *
 * @param dataset           events (the default), contacts or companies
 * @param date              the day to export; required
 * @param queryMode         contact or company level; never null ({@link QueryMode#PROFILE} by default)
 * @param eventNames        event names to include; empty means all
 * @param sources           sources to attribute to; empty means none
 * @param attributionModel  the attribution model; {@code null} when not given (required with sources)
 * @param attributionWindow the attribution window in days; {@code null} when not given (required with sources)
 * @param fields            the keys each line carries besides {@code id} and {@code event_time_utc}; empty means
 *                          the API's default
 * @param includeCometTokens contacts: with their last 5 Cometly tracking tokens ({@code comet_tokens})
 * @param includeAllEmails   contacts: with every email of merged profiles ({@code emails})
 */
public record ExportRequest(
        Dataset dataset,
        LocalDate date,
        QueryMode queryMode,
        List<String> eventNames,
        List<String> sources,
        AttributionModel attributionModel,
        Integer attributionWindow,
        List<String> fields,
        boolean includeCometTokens,
        boolean includeAllEmails) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * Fills in the defaults, copies the lists and checks every rule of the create endpoint.
     *
     * @param dataset            events, contacts or companies; {@code null} means events
     * @param date               the day to export, in the Space's time zone; required
     * @param queryMode          contact or company level; {@code null} means {@link QueryMode#PROFILE}
     * @param eventNames         event names to include; {@code null} or empty means all
     * @param sources            sources to attribute to; {@code null} or empty means none
     * @param attributionModel   the attribution model, or {@code null}; required with sources
     * @param attributionWindow  the attribution window in days, or {@code null}; required with sources
     * @param fields             the keys each line carries; {@code null} or empty means the API's default
     * @param includeCometTokens contacts only: with their last 5 Cometly tracking tokens
     * @param includeAllEmails   contacts only: with every email of merged profiles
     * @throws InvalidExportRequestException listing every broken rule
     */
    public ExportRequest {
        dataset = dataset == null ? Dataset.EVENTS : dataset;
        queryMode = queryMode == null ? QueryMode.PROFILE : queryMode;
        eventNames = RequestWire.canonical(eventNames);
        sources = RequestWire.canonical(sources);
        fields = RequestWire.canonical(fields);
        List<Violation> violations = new ArrayList<>();
        ExportRequestRules.check(date, eventNames, sources, attributionModel, attributionWindow, fields, violations);
        ExportRequestRules.checkDataset(dataset, eventNames, sources, attributionModel, attributionWindow, fields,
                includeCometTokens, includeAllEmails, violations);
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
        Builder b = new Builder().dataset(dataset).date(date)
                .queryMode(dataset == Dataset.EVENTS ? queryMode.wireName() : null)
                .eventNames(eventNames).sources(sources).fields(fields).attributionWindow(attributionWindow)
                .includeCometTokens(includeCometTokens).includeAllEmails(includeAllEmails);
        return attributionModel == null ? b : b.attributionModel(attributionModel.wireName());
    }

    /** @return the date as the API spells it, {@code YYYY-MM-DD} */
    public String dateText() {
        return DATE.format(date);
    }

    /**
     * @return the request's filters: {@link #wireFields()} without the day (or the contact range), which every day
     *         of one table shares
     */
    public Map<String, Object> filters() {
        Map<String, Object> out = new LinkedHashMap<>(wireFields());
        out.keySet().removeAll(List.of("date", "start_date", "end_date"));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The request as the create endpoint's JSON body spells it, and as manifests record it: an ordered map from the
     * API's field names to strings, integers and lists of strings; members not given are left out. The one mapping
     * of a request to JSON: every adapter serialises this map with its own JSON library.
     *
     * @return events: {@code date}, {@code query_mode}, then {@code event_names}, {@code sources},
     *         {@code attribution_model}, {@code attribution_window}, {@code fields} when given; contacts and companies:
     *         {@code start_date}, {@code end_date} ({@link ContactRange#ofDay}), then (contacts)
     *         {@code include_comet_tokens} and {@code include_all_emails} as {@code 1} when asked for
     */
    public Map<String, Object> wireFields() {
        return RequestWire.fields(this);
    }

    /**
     * Collects raw input (strings as a user or a config file gives them) and turns it into an
     * {@link ExportRequest}, reporting every violation at once. Not thread-safe.
     */
    public static final class Builder {
        private Dataset dataset = Dataset.EVENTS;
        private boolean includeCometTokens;
        private boolean includeAllEmails;
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
         * @param value events (the default), contacts or companies; {@code null} means events
         * @return this builder
         */
        public Builder dataset(Dataset value) {
            this.dataset = value == null ? Dataset.EVENTS : value;
            return this;
        }

        /**
         * @param value contacts: whether to include their last 5 Cometly tracking tokens
         * @return this builder
         */
        public Builder includeCometTokens(boolean value) {
            this.includeCometTokens = value;
            return this;
        }

        /**
         * @param value contacts: whether to include every email of merged profiles
         * @return this builder
         */
        public Builder includeAllEmails(boolean value) {
            this.includeAllEmails = value;
            return this;
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
            LocalDate date = ExportRequestRules.date(dateText, out);
            ExportRequestRules.queryMode(queryModeText, out);
            AttributionModel model = ExportRequestRules.model(modelText, out);
            ExportRequestRules.check(date, eventNames, sources, model, window, fields, out);
            ExportRequestRules.checkDataset(dataset, eventNames, sources, modelText == null ? null : model, window,
                    fields, includeCometTokens, includeAllEmails, out);
            if (dataset != Dataset.EVENTS && queryModeText != null) {
                out.add(new Violation("query_mode", ExportRequestRules.notAFilter(dataset)));
            }
            // A date that failed to parse is reported once, by the date rule, not again as "required".
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
            List<Violation> none = new ArrayList<>();
            return new ExportRequest(dataset, ExportRequestRules.date(dateText, none),
                    ExportRequestRules.queryMode(queryModeText, none), eventNames, sources,
                    ExportRequestRules.model(modelText, none), window, fields, includeCometTokens, includeAllEmails);
        }
    }
}
