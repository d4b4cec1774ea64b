package io.github.cometlyexport.adapter.http.archfixture;

import io.github.cometlyexport.application.GetExportStatusService;

/** Deliberately bad: adapters plug into ports, not services. */
public final class AdapterUsesService {
    private AdapterUsesService() {
    }

    static Object service() {
        return new GetExportStatusService(id -> null);
    }
}
