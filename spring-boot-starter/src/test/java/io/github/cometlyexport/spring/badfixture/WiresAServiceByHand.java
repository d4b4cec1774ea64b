package io.github.cometlyexport.spring.badfixture;

import io.github.cometlyexport.application.GetExportStatusService;

/** A starter class that builds a service itself instead of taking it from the app: StarterArchitectureTest's bite. */
final class WiresAServiceByHand {
    private WiresAServiceByHand() {
    }

    static Class<?> wired() {
        return GetExportStatusService.class;
    }
}
