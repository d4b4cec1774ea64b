package io.github.cometlyexport.adapter.storage.local.archfixture;

import io.github.cometlyexport.adapter.storage.s3.S3Location;

/** Deliberately bad: the local store does not know the S3 store. */
public final class LocalUsesS3 {
    private LocalUsesS3() {
    }

    static S3Location where() {
        return S3Location.parse("s3://bucket/x");
    }
}
