package io.github.cometlyexport.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up refused for bad {@code cometly.export.*} properties into Spring Boot's failure report: one line
 * per bad property, and what to do. The messages name properties, never the key's value.
 */
final class PropertiesFailureAnalyzer extends AbstractFailureAnalyzer<CometlyExportPropertiesException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, CometlyExportPropertiesException cause) {
        return new FailureAnalysis("The cometly.export properties cannot run the export:\n    - "
                + String.join("\n    - ", cause.problems()),
                "Set or correct each property named above (README, \"Spring Boot\", lists them all).", cause);
    }
}
