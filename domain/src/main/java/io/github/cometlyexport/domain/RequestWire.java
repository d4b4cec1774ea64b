package io.github.cometlyexport.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one mapping of an {@link ExportRequest} to the create endpoint's JSON fields, per dataset. */
final class RequestWire {
    private RequestWire() {
    }

    /**
     * Event names, sources and fields are sets to the API: their order means nothing. Kept sorted, two requests
     * that differ only in order are equal, and so are their JSON forms (a table's filters, a manifest).
     */
    static List<String> canonical(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        return Collections.unmodifiableList(sorted);
    }

    /** @return {@link ExportRequest#wireFields()} */
    static Map<String, Object> fields(ExportRequest r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.dataset() != Dataset.EVENTS) {
            ContactRange range = ContactRange.ofDay(r.date());
            out.put("start_date", range.startText());
            out.put("end_date", range.endText());
            if (r.includeCometTokens()) {
                out.put("include_comet_tokens", 1);
            }
            if (r.includeAllEmails()) {
                out.put("include_all_emails", 1);
            }
            return Collections.unmodifiableMap(out);
        }
        out.put("date", r.dateText());
        out.put("query_mode", r.queryMode().wireName());
        if (!r.eventNames().isEmpty()) {
            out.put("event_names", r.eventNames());
        }
        if (!r.sources().isEmpty()) {
            out.put("sources", r.sources());
        }
        if (r.attributionModel() != null) {
            out.put("attribution_model", r.attributionModel().wireName());
        }
        if (r.attributionWindow() != null) {
            out.put("attribution_window", r.attributionWindow());
        }
        if (!r.fields().isEmpty()) {
            out.put("fields", r.fields());
        }
        return Collections.unmodifiableMap(out);
    }
}
