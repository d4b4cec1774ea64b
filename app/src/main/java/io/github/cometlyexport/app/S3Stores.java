package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3PartBudget;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 tables of one client: one S3 client for all of them, the host's (never closed here) or one made from the
 * configuration's S3 settings on first use (closed with the client). The only class of {@code app} that touches
 * the AWS SDK, which is optional: it is loaded only when an {@code s3://} destination is asked for.
 */
final class S3Stores implements AutoCloseable {
    /** Why an {@code s3://} table cannot be made without the AWS SDK (a constant: reading it loads no AWS class). */
    static final String MISSING = "an s3:// destination needs software.amazon.awssdk:s3 and "
            + "software.amazon.awssdk:apache5-client on the class path";

    private final java.net.URI endpoint;
    private final boolean pathStyle;
    private final boolean owned;
    private S3Client s3;

    /**
     * @param config the S3 settings
     * @param given  the host's client, or {@code null} to make one when first needed
     */
    S3Stores(CometlyExportConfig config, S3Client given) {
        this(config.s3Endpoint().orElse(null), config.s3PathStyle(), given);
    }

    /**
     * @param endpoint  an S3-compatible endpoint, or {@code null} for AWS
     * @param pathStyle address buckets by path
     * @param given     the host's client, or {@code null} to make one when first needed
     */
    S3Stores(java.net.URI endpoint, boolean pathStyle, S3Client given) {
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
        this.owned = given == null;
        this.s3 = given;
    }

    /**
     * @param destination {@code s3://bucket/prefix}
     * @param format      how files are kept
     * @return the table's store on the shared client
     * @throws IllegalArgumentException if the destination is not a valid S3 location
     */
    synchronized StoreExportFilePort store(String destination, StoredFormat format) {
        return adapter(destination, format);
    }

    /**
     * @param destination {@code s3://bucket/prefix}
     * @return the table's store, to be looked at
     * @throws IllegalArgumentException if the destination is not a valid S3 location
     */
    synchronized InspectTablePort inspector(String destination) {
        return adapter(destination, StoredFormat.GZIP);
    }

    private S3StorageAdapter adapter(String destination, StoredFormat format) {
        S3Location location = S3Location.parse(destination);
        if (s3 == null) {
            s3 = S3StorageAdapter.clientBuilder(endpoint, pathStyle).build();
        }
        return new S3StorageAdapter(s3, location, S3PartBudget.processWide(), format);
    }

    @Override
    public synchronized void close() {
        if (owned && s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
