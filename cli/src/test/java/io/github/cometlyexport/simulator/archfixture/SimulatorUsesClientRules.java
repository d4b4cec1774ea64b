package io.github.cometlyexport.simulator.archfixture;

import io.github.cometlyexport.domain.ExportRequest;

/** Deliberately bad: the simulator must check requests with its own rules, not the client's. */
public final class SimulatorUsesClientRules {
    private SimulatorUsesClientRules() {
    }

    static Object rules() {
        return ExportRequest.builder().date("2024-01-15").violations();
    }
}
