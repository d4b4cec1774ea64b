package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.adapter.storage.ManifestJson;
import io.github.cometlyexport.adapter.storage.StorageLayout;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps exports in S3 (or an S3-compatible store), in the {@link StorageLayout} below a {@link S3Location}.
 *
 * <p>A file streams into a multipart upload of unknown length in fixed-size parts ({@link #DEFAULT_PART_SIZE}), each
 * with an explicit SHA-256 checksum that the server verifies, so memory stays at one part however large the day.
 * {@code CompleteMultipartUpload} runs only when the core publishes a verified file; any failure, discard or close
 * before that aborts the upload, so nothing partial is ever visible. The manifest object is written last, as the
 * commit mark. A file smaller than one part is a single checksummed {@code PutObject}. Unpublished uploads do not
 * survive the process: a rerun starts the file again. Thread-safe.
 */
public final class S3StorageAdapter implements StoreExportFilePort, AutoCloseable {
    /** 8 MiB: above S3's 5 MiB minimum part size, small enough to hold in memory. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final boolean ownsClient;
    private final S3Location location;
    private final int partSize;

    /**
     * @param s3       a client; the caller closes it
     * @param location bucket and prefix
     * @param partSize bytes per uploaded part, at least 5 MiB
     */
    public S3StorageAdapter(S3Client s3, S3Location location, int partSize) {
        this(s3, false, location, partSize);
    }

    private S3StorageAdapter(S3Client s3, boolean ownsClient, S3Location location, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.ownsClient = ownsClient;
        this.location = Objects.requireNonNull(location, "location");
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum), was " + partSize);
        }
        this.partSize = partSize;
    }

    /**
     * An adapter with its own client (Apache 5 HTTP client; credentials from the SDK's default chain), closed by
     * {@link #close()}.
     *
     * @param location         bucket and prefix
     * @param endpointOverride an S3-compatible endpoint, or {@code null} for AWS
     * @param pathStyle        address buckets by path (MinIO, Ceph, S3Proxy) instead of by host name
     * @return the adapter
     * @throws ExportStorageException if no region can be found for AWS
     */
    public static S3StorageAdapter create(S3Location location, URI endpointOverride, boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder().httpClient(Apache5HttpClient.create()).forcePathStyle(pathStyle);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        builder.region(region(endpointOverride != null));
        return new S3StorageAdapter(builder.build(), true, location, DEFAULT_PART_SIZE);
    }

    private static Region region(boolean compatibleStore) {
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

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        String folder = location.key(StorageLayout.folder(key));
        return read(folder + "/" + StorageLayout.manifestName(key), folder + "/" + StorageLayout.dataName(key));
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        String prefix = location.key(StorageLayout.dateFolder(request.date())) + "/";
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(location.bucket()).prefix(prefix).build()).contents()) {
                keys.add(object.key());
            }
            return StorageLayout.findMatching(keys, this::read, request);
        } catch (SdkException e) {
            throw failure("list", location.uri(prefix), e);
        }
    }

    @Override
    public InputStream openStored(StoredExport stored) {
        String prefix = "s3://" + location.bucket() + "/";
        if (!stored.location().startsWith(prefix)) {
            throw new ExportStorageException(stored.location() + " is not in " + location, null, false);
        }
        String key = stored.location().substring(prefix.length());
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(key).build());
        } catch (SdkException e) {
            throw failure("read", stored.location(), e);
        }
    }

    @Override
    public PendingExportFile begin(ExportFileKey key) {
        String folder = location.key(StorageLayout.folder(key));
        return new S3PendingUpload(s3, location, partSize, folder + "/" + StorageLayout.dataName(key), folder + "/" + StorageLayout.manifestName(key));
    }

    @Override
    public String toString() {
        return "S3StorageAdapter[" + location + "]";
    }

    private Optional<StoredExport> read(String manifestKey, String dataKey) {
        try {
            byte[] json = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(location.bucket()).key(manifestKey)
                    .build()).asByteArray();
            Optional<ExportManifest> manifest = ManifestJson.decode(json);
            if (manifest.isEmpty()) {
                return Optional.empty();
            }
            long size = s3.headObject(HeadObjectRequest.builder().bucket(location.bucket()).key(dataKey).build())
                    .contentLength();
            return size == manifest.get().bytes()
                    ? Optional.of(new StoredExport(manifest.get(), location.uri(dataKey))) : Optional.empty();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", location.uri(manifestKey), e);
        } catch (SdkException e) {
            throw failure("read", location.uri(manifestKey), e);
        }
    }

    static ExportStorageException failure(String action, String where, SdkException e) {
        String detail = e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                ? s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode() + ": " + s3e.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new ExportStorageException("could not " + action + " " + where + ": " + detail, e, e.retryable());
    }

    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
