package io.github.cometlyexport.adapter.http.archfixture;

import io.github.cometlyexport.application.NdjsonShapeVerifier;

/** Deliberately bad: adapters plug into ports, not services. */
public final class AdapterUsesService {
    private AdapterUsesService() {
    }

    static Object verifier() {
        return new NdjsonShapeVerifier();
    }
}
