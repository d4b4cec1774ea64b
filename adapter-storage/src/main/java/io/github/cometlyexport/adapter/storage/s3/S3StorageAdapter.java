package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.Sha256;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.internal.TableJson;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps exports in S3 (or an S3-compatible store), in the {@link StorageLayout} below a {@link S3Location}.
 *
 * <p>A file streams into a multipart upload of unknown length in fixed-size parts ({@link #DEFAULT_PART_SIZE}), each
 * with an explicit CRC32C checksum that the server verifies; every body (parts, single objects, manifests, table
 * definitions) carries its CRC32C as a plain {@code x-amz-checksum-crc32c} header, so no request relies on the SDK's
 * {@code aws-chunked} trailers, which many S3-compatible stores do not implement. Parts go up concurrently while
 * the next fills, in buffers from an {@link S3PartBudget} that every upload of the process shares, so memory stays
 * bounded however large the day and however many days download at once.
 * {@code CompleteMultipartUpload} runs only when the core publishes a verified file; any failure, discard or close
 * before that aborts the upload, so nothing partial is ever visible. The manifest object is written last, as the
 * commit mark. A file smaller than one part is a single checksummed {@code PutObject}. A re-export overwrites the day's
 * object in one step. Unpublished uploads do not survive the process: {@link #begin} aborts any left by a run that
 * died (where the store can list them: {@link S3StaleUploads}), and the day starts again. For audits it lists a table
 * as it lies ({@link InspectTablePort}, in {@link S3TableListing}). Thread-safe.
 */
public final class S3StorageAdapter implements StoreExportFilePort, InspectTablePort, AutoCloseable {
    /** 8 MiB: above S3's 5 MiB minimum part size, small enough to hold in memory. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final boolean ownsClient;
    private final S3Location location;
    private final S3PartBudget parts;
    private final StoredFormat format;
    private final S3StaleUploads staleUploads;
    private final S3TableListing listing;

    /**
     * @param s3       a client; the caller closes it
     * @param location bucket and prefix
     * @param partSize bytes per uploaded part, at least 5 MiB; parts share the {@link S3PartBudget#processWide()}
     *                 budget's count, in buffers of this adapter's own
     */
    public S3StorageAdapter(S3Client s3, S3Location location, int partSize) {
        this(s3, false, location, partSize == S3StorageAdapter.DEFAULT_PART_SIZE ? S3PartBudget.processWide()
                : new S3PartBudget(partSize, S3PartBudget.processWide().parts()), StoredFormat.GZIP);
    }

    /**
     * @param s3       a client; the caller closes it
     * @param location bucket and prefix
     * @param parts    the part buffers and sending threads this adapter's uploads share (with other adapters too)
     * @param format   how files are kept: as downloaded (gzip) or decompressed
     */
    public S3StorageAdapter(S3Client s3, S3Location location, S3PartBudget parts, StoredFormat format) {
        this(s3, false, location, parts, format);
    }

    private S3StorageAdapter(S3Client s3, boolean ownsClient, S3Location location, S3PartBudget parts,
                             StoredFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.ownsClient = ownsClient;
        this.location = Objects.requireNonNull(location, "location");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.staleUploads = new S3StaleUploads(s3, location);
        this.listing = new S3TableListing(s3, location);
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
        return create(location, endpointOverride, pathStyle, StoredFormat.GZIP);
    }

    /**
     * @param location         bucket and prefix
     * @param endpointOverride an S3-compatible endpoint, or {@code null} for AWS
     * @param pathStyle        address buckets by path instead of by host name
     * @param format           how files are kept: as downloaded (gzip) or decompressed
     * @return an adapter with its own client, closed by {@link #close()}
     * @throws ExportStorageException if no region can be found for AWS
     */
    public static S3StorageAdapter create(S3Location location, URI endpointOverride, boolean pathStyle,
                                          StoredFormat format) {
        return new S3StorageAdapter(clientBuilder(endpointOverride, pathStyle).build(), true, location,
                S3PartBudget.processWide(), format);
    }

    /**
     * The client {@link #create} builds; a host that brings its own client for an S3-compatible store builds it
     * from this (adding its credentials) or with the same settings. For such a store the SDK calculates and
     * validates checksums only where an operation requires them, and sends bodies as they are: its defaults send
     * them {@code aws-chunked}, with a trailing checksum (and, over plain HTTP, a signature per chunk), which many
     * such stores reject or store verbatim. Integrity does not depend on it: the adapter sends the CRC32C of every
     * body as a plain header, and checks the stored bytes against the manifest.
     *
     * @param endpointOverride an S3-compatible endpoint, or {@code null} for AWS (the SDK's defaults)
     * @param pathStyle        address buckets by path instead of by host name
     * @return a builder: the Apache 5 HTTP client, credentials from the SDK's default chain
     * @throws ExportStorageException if no region can be found for AWS
     */
    public static S3ClientBuilder clientBuilder(URI endpointOverride, boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder().httpClient(Apache5HttpClient.create()).forcePathStyle(pathStyle);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(c -> c.chunkedEncodingEnabled(false));
        }
        return builder.region(S3Regions.region(endpointOverride != null));
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public StoredFormat format() {
        return format;
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        return read(key);
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        return read(ExportFileKey.ofDay(request.dataset(), request.date())).filter(s -> request.equals(s.manifest().request()));
    }

    @Override
    public TableDefinition claimTable(TableDefinition wanted) {
        String key = location.key(StorageLayout.tableFile(wanted.dataset()));
        try {
            Optional<byte[]> existing = listing.bytes(key);
            if (existing.isEmpty()) {
                try {
                    // If-None-Match makes this create-if-absent on AWS; a store without it overwrites an equal race.
                    byte[] json = TableJson.encode(wanted);
                    s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(key).ifNoneMatch("*")
                            .contentType("application/json").checksumCRC32C(Crc32c.base64(json, json.length)).build(),
                            RequestBody.fromBytes(json));
                } catch (S3Exception e) {
                    if (e.statusCode() != 412 && e.statusCode() != 409) {
                        throw e;
                    }
                }
                existing = listing.bytes(key);
            }
            return existing.flatMap(TableJson::decode).orElseThrow(() -> new ExportStorageException(location.uri(key)
                    + " is not a table definition; move it away or use another destination", null, false));
        } catch (SdkException e) {
            throw failure("define the table in", location.uri(key), e);
        }
    }

    @Override
    public TableFile table(Dataset dataset) {
        return listing.table(dataset);
    }

    @Override
    public List<Partition> partitions(Dataset dataset, LocalDate from, LocalDate to) {
        return listing.partitions(dataset, from, to);
    }

    @Override
    public InputStream openVisible(Dataset dataset, LocalDate day, String name) {
        return listing.open(dataset, day, name);
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

    /**
     * Aborts uploads of the same day left by runs that died (they hold parts, never a visible object). A store that
     * cannot list multipart uploads is warned about once and not asked again: its bucket's lifecycle rule for
     * incomplete uploads is then the only clean-up, and the export goes on.
     */
    @Override
    public PendingExportFile begin(ExportFileKey key) {
        String folder = location.key(StorageLayout.folder(key));
        String dataKey = folder + "/" + StorageLayout.dataName(key, format);
        staleUploads.abort(dataKey);
        return new S3PendingUpload(s3, location, parts, dataKey, folder + "/" + StorageLayout.MANIFEST, format);
    }

    @Override
    public String toString() {
        return "S3StorageAdapter[" + location + ", " + parts + "]";
    }

    /**
     * A manifest that parses and a data object that is the one the manifest describes: the same ETag as recorded at
     * publishing (S3 changes it with any rewrite), or, when none was recorded, bytes that hash to the manifest's
     * SHA-256.
     */
    private Optional<StoredExport> read(ExportFileKey key) {
        String folder = location.key(StorageLayout.folder(key));
        String manifestKey = folder + "/" + StorageLayout.MANIFEST;
        String dataKey = folder + "/" + StorageLayout.dataName(key, format);
        try {
            Optional<ManifestJson.Decoded> decoded = listing.bytes(manifestKey).flatMap(ManifestJson::decode);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            ExportManifest manifest = decoded.get().manifest();
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(location.bucket())
                    .key(dataKey).build());
            boolean same = head.contentLength() == manifest.bytes() && (decoded.get().storedEtag() != null
                    ? decoded.get().storedEtag().equals(head.eTag()) : sha256Of(dataKey).equals(manifest.sha256()));
            return same ? Optional.of(new StoredExport(manifest, location.uri(dataKey))) : Optional.empty();
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

    private String sha256Of(String key) {
        try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(key).build())) {
            return Sha256.hex(in);
        } catch (IOException e) {
            throw new ExportStorageException("could not read back " + location.uri(key) + ": " + e.getMessage(), e,
                    true);
        }
    }

    static ExportStorageException failure(String action, String where, SdkException e) {
        String detail = e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                ? s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode() + ": " + s3e.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new ExportStorageException("could not " + action + " " + where + ": " + detail, e, e.retryable());
    }
}
