package io.github.cometlyexport.adapter.http.archfixture;

import io.github.cometlyexport.adapter.storage.internal.StorageLayout;

/** Deliberately bad: no adapter imports another adapter. */
public final class HttpUsesStorage {
    private HttpUsesStorage() {
    }

    static String suffix() {
        return StorageLayout.partName(new io.github.cometlyexport.domain.ExportFileKey(null,
                java.time.LocalDate.EPOCH), io.github.cometlyexport.domain.StoredFormat.GZIP);
    }
}
