package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.port.driven.ExportStorageException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The region an S3 client signs for: the SDK's chain, or any for an S3-compatible store. */
final class S3Regions {
    private S3Regions() {
    }

    static Region region(boolean compatibleStore) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            if (compatibleStore) {
                // S3-compatible stores ignore the region, but SigV4 needs one.
                return Region.US_EAST_1;
            }
            throw new ExportStorageException("no AWS region configured: set AWS_REGION or a profile's region", e,
                    false);
        }
    }
}
