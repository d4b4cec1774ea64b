package io.github.cometlyexport.spring;

import java.util.List;

/**
 * The {@code cometly.export.*} properties cannot run the export: thrown at start-up, naming every bad property at
 * once and never showing the API key's value.
 */
public final class CometlyExportPropertiesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The problems, each naming its property. */
    private final transient List<String> problems;

    /** @param problems what is wrong, each naming its property */
    CometlyExportPropertiesException(List<String> problems) {
        super("invalid cometly.export properties: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return what is wrong, each naming its property */
    public List<String> problems() {
        return problems;
    }
}
