package io.github.cometlyexport.adapter.storage.s3;

import java.net.URI;
import java.util.Objects;

/**
 * Where exports go in S3: a bucket and a key prefix ({@code s3://bucket/prefix}).
 *
 * @param bucket the bucket, at least 3 characters
 * @param prefix the key prefix without leading, trailing or doubled slashes (they are dropped: {@code s3://b/a//c/}
 *               is {@code s3://b/a/c}); empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {

    /**
     * Checks the bucket name and brings the prefix to its one spelling.
     *
     * @param bucket the bucket: a valid S3 bucket name, 3 to 63 characters; not null
     * @param prefix the key prefix; leading, trailing and doubled slashes are dropped, {@code null} means the root
     * @throws IllegalArgumentException if the bucket name is not a valid S3 bucket name
     */
    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        // One spelling per place: the ledger keys a table by this location, and keys are compared as text.
        prefix = prefix == null ? "" : prefix.replaceAll("/{2,}", "/").replaceAll("^/|/$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name");
        }
    }

    /**
     * @param uri {@code s3://bucket} or {@code s3://bucket/prefix}
     * @return the location
     * @throws IllegalArgumentException if it is not an {@code s3://} URI with a valid bucket
     */
    public static S3Location parse(String uri) {
        URI parsed = URI.create(uri);
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("an S3 destination looks like s3://bucket/prefix, not '" + uri + "'");
        }
        return new S3Location(parsed.getHost(), parsed.getPath());
    }

    /**
     * @param relative a key below the prefix
     * @return the full key
     */
    public String key(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    /**
     * @param key a full key
     * @return {@code s3://bucket/key}
     */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** @return {@code s3://bucket} or {@code s3://bucket/prefix}, the canonical spelling */
    @Override
    public String toString() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }
}
