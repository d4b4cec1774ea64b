package io.github.cometlyexport.adapter.storage.s3;

import java.net.URI;

/** Lets probes in other packages build an S3 store against a test server. */
public final class S3Access {
    private S3Access() {
    }

    /**
     * @param endpoint the S3Proxy endpoint
     * @param bucket   an existing bucket
     * @return a store that owns its client
     */
    public static S3StorageAdapter store(String endpoint, String bucket) {
        return new S3StorageAdapter(io.github.cometlyexport.testing.S3ProxyServer.client(URI.create(endpoint)), new S3Location(bucket, "probe"),
                S3StorageAdapter.DEFAULT_PART_SIZE);
    }
}
