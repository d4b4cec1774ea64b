package io.github.cometlyexport.spring;

import io.github.cometlyexport.app.CometlyExportBuilder;

/**
 * Changes the client's builder before the starter builds it: every bean of this type is applied, in their order,
 * after the starter's own wiring (properties, the application's beans). For what has no bean of its own: an HTTP
 * client, the budgets, the pipeline's limits, the polling policy, the run threads.
 */
@FunctionalInterface
public interface CometlyExportBuilderCustomizer {
    /** @param builder the client's builder, already wired from the properties and the application's beans */
    void customize(CometlyExportBuilder builder);
}
