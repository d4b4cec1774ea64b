package io.github.cometlyexport.domain;

import io.github.cometlyexport.domain.internal.Redaction;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of Cometly's create endpoints (events, and which options each dataset takes: contacts
 * theirs, companies none), checked by {@link ExportRequest} and its builder;
 * each broken rule becomes a {@link Violation} naming the JSON field. Pure and thread-safe.
 */
final class ExportRequestRules {
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
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_]*");

    private ExportRequestRules() {
    }

    /** @return the day {@code text} names ({@code YYYY-MM-DD}), or null when not given or not a day (reported) */
    static LocalDate date(String text, List<Violation> out) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            out.add(new Violation("date", Redaction.echo(text) + " is not a calendar date in the form YYYY-MM-DD"));
            return null;
        }
    }

    /** @return the query mode {@code text} names, profile when not given, null when unknown (reported) */
    static QueryMode queryMode(String text, List<Violation> out) {
        if (text == null) {
            return QueryMode.PROFILE;
        }
        return QueryMode.fromWireName(text).orElseGet(() -> {
            out.add(new Violation("query_mode", "must be profile or company, got '" + text + "'"));
            return null;
        });
    }

    /** @return the attribution model {@code text} names, null when not given; an unknown one is reported */
    static AttributionModel model(String text, List<Violation> out) {
        if (text == null) {
            return null;
        }
        return AttributionModel.fromWireName(text).orElseGet(() -> {
            out.add(new Violation("attribution_model", "unknown model '" + text + "' (one of "
                    + AttributionModel.documentedValues() + ")"));
            // Counts as given, so that "required with sources" is not reported on top.
            return AttributionModel.LAST_TOUCH;
        });
    }

    /**
     * Each dataset takes its own options: contacts and companies none of the event filters, events and companies none
     * of the contact options.
     */
    static void checkDataset(Dataset dataset, List<String> eventNames, List<String> sources, AttributionModel model,
                             Integer window, List<String> fields, boolean includeCometTokens,
                             boolean includeAllEmails, List<Violation> out) {
        if (dataset != Dataset.EVENTS) {
            String not = notAFilter(dataset);
            if (!eventNames.isEmpty()) {
                out.add(new Violation("event_names", not));
            }
            if (!sources.isEmpty()) {
                out.add(new Violation("sources", not));
            }
            if (model != null) {
                out.add(new Violation("attribution_model", not));
            }
            if (window != null) {
                out.add(new Violation("attribution_window", not));
            }
            if (!fields.isEmpty()) {
                out.add(new Violation("fields", not));
            }
        }
        if (dataset != Dataset.CONTACTS) {
            String not = "is an option of contact exports, not of " + dataset.wireName();
            if (includeCometTokens) {
                out.add(new Violation("include_comet_tokens", not));
            }
            if (includeAllEmails) {
                out.add(new Violation("include_all_emails", not));
            }
        }
    }

    /** @return why an event filter is refused for a dataset other than events */
    static String notAFilter(Dataset dataset) {
        return dataset == Dataset.CONTACTS
                ? "is not a filter of contact exports (they take include_comet_tokens and include_all_emails)"
                : "is not a filter of company exports (they take no options)";
    }

    static void check(LocalDate date, List<String> eventNames, List<String> sources,
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

}
