package io.github.cometlyexport.adapter.ndjson.archfixture;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;

/** Deliberately bad: one adapter module using another. */
public final class NdjsonUsesStorage {
    private NdjsonUsesStorage() {
    }

    static Object store() {
        return new LocalFileStorageAdapter(java.nio.file.Path.of("."));
    }
}
