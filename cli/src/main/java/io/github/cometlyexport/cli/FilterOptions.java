package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.ExportRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What to export besides the day: the dataset, and the create endpoint's filters (each dataset has its own). */
final class FilterOptions {
    @Option(names = "--dataset", paramLabel = "NAME", description = "events (default), contacts or companies (the "
            + "contacts or companies created during the day).")
    String dataset;

    @Option(names = "--include-comet-tokens", description = "Contacts: with their last 5 Cometly tracking tokens.")
    boolean includeCometTokens;

    @Option(names = "--include-all-emails", description = "Contacts: with every email of merged profiles.")
    boolean includeAllEmails;

    @Option(names = "--event-name", paramLabel = "NAME", description = "An event name (repeatable, 1–10).")
    List<String> eventNames = new ArrayList<>();

    @Option(names = "--source", paramLabel = "SOURCE", description = "A source (repeatable, 1–15); needs "
            + "--attribution-model and --attribution-window.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--attribution-model", paramLabel = "MODEL", description = "first_touch, last_touch, linear, "
            + "first_platform_touch, last_platform_touch, linear_paid, u_shaped or last_non_direct_touch.")
    String attributionModel;

    @Option(names = "--attribution-window", paramLabel = "DAYS", description = "0 (lifetime), 1, 7, 14, 30, 60 or 90.")
    Integer attributionWindow;

    @Option(names = "--field", paramLabel = "FIELD", description = "A key each line carries (repeatable).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--query-mode", paramLabel = "MODE", description = "profile (default) or company.")
    String queryMode;

    /** @param problems add an unknown dataset */
    void check(List<String> problems) {
        DatasetOption.parse(dataset, problems);
    }

    ExportRequest.Builder builder(String date) {
        return ExportRequest.builder().dataset(DatasetOption.parse(dataset, new ArrayList<>())).date(date)
                .includeCometTokens(includeCometTokens).includeAllEmails(includeAllEmails)
                .eventNames(eventNames).sources(sources)
                .attributionModel(attributionModel).attributionWindow(attributionWindow).fields(fields)
                .queryMode(queryMode);
    }
}
