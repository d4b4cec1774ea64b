package io.github.cometlyexport.adapter.http.archfixture;

import io.github.cometlyexport.adapter.storage.StorageLayout;

/** Deliberately bad: no adapter imports another adapter. */
public final class HttpUsesStorage {
    private HttpUsesStorage() {
    }

    static String suffix() {
        return StorageLayout.dateFolder(java.time.LocalDate.EPOCH);
    }
}
