package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.Dataset;
import java.util.List;
import picocli.CommandLine.Option;

/** Which dataset an export id or a day belongs to: events (the default), contacts or companies. */
final class DatasetOption {
    @Option(names = "--dataset", paramLabel = "NAME", description = "events (default), contacts or companies.")
    String name;

    /**
     * @param problems add an unknown name
     * @return the dataset (events when unknown)
     */
    Dataset parse(List<String> problems) {
        return parse(name, problems);
    }

    /** @return the named dataset, events when none is named; an unknown name adds a problem (and gives events) */
    static Dataset parse(String name, List<String> problems) {
        if (name == null) {
            return Dataset.EVENTS;
        }
        return Dataset.fromName(name).orElseGet(() -> {
            problems.add("--dataset must be events, contacts or companies");
            return Dataset.EVENTS;
        });
    }
}
