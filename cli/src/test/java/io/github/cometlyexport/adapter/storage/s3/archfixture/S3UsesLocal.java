package io.github.cometlyexport.adapter.storage.s3.archfixture;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import java.nio.file.Path;

/** Deliberately bad: the S3 store does not know the local store. */
public final class S3UsesLocal {
    private S3UsesLocal() {
    }

    static Object local() {
        return new LocalFileStorageAdapter(Path.of("."));
    }
}
