package io.github.cometlyexport.adapter.storage.local.archfixture;

import io.github.cometlyexport.adapter.http.JsonLinesVerifierAdapter;

/** Deliberately bad: a store does not know the HTTP adapter. */
public final class LocalUsesHttp {
    private LocalUsesHttp() {
    }

    static Object verifier() {
        return new JsonLinesVerifierAdapter();
    }
}
