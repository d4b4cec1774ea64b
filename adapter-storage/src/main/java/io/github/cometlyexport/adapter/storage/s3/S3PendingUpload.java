package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.adapter.storage.ManifestJson;
import io.github.cometlyexport.adapter.storage.Sha256;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One upload in progress: parts of {@code partSize} bytes held in memory and sent as a multipart upload, each with
 * its SHA-256; a file smaller than one part goes in one PUT. Published by completing the upload, then writing the
 * manifest; aborted on discard, so that no partial object remains.
 */
final class S3PendingUpload implements PendingExportFile {
    private final S3Client s3;
    private final S3Location location;
    private final String contentType;
    private final String dataKey;
    private final String manifestKey;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long length;
    private String uploadId;
    private String etag;
    private boolean finished;

    S3PendingUpload(S3Client s3, S3Location location, int partSize, String dataKey, String manifestKey,
                    StoredFormat format) {
        this.contentType = format == StoredFormat.GZIP ? "application/gzip" : "application/x-ndjson";
        this.s3 = s3;
        this.location = location;
        this.dataKey = dataKey;
        this.manifestKey = manifestKey;
        this.buffer = new byte[partSize];
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Optional<String> sourceEtag() {
        return Optional.ofNullable(etag);
    }

    @Override
    public void recordSourceEtag(String newEtag) {
        etag = newEtag;
    }

    @Override
    public InputStream readHeld() {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        throw new ExportStorageException("an unfinished S3 upload cannot be read back", null, false);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, buffer.length - filled);
            System.arraycopy(bytes, offset + done, buffer, filled, n);
            filled += n;
            done += n;
            if (filled == buffer.length) {
                uploadPart();
            }
        }
        length += count;
    }

    private void uploadPart() {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                        .bucket(location.bucket()).key(dataKey).contentType(contentType)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).build()).uploadId();
            }
            int number = parts.size() + 1;
            String checksum = Sha256.base64(buffer, filled);
            UploadPartResponse response = s3.uploadPart(UploadPartRequest.builder().bucket(location.bucket())
                    .key(dataKey).uploadId(uploadId).partNumber(number).contentLength((long) filled)
                    .checksumSHA256(checksum).build(),
                    RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
            parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumSHA256(checksum)
                    .build());
            filled = 0;
        } catch (SdkException e) {
            abort();
            throw S3StorageAdapter.failure("upload part " + (parts.size() + 1) + " of", location.uri(dataKey), e);
        }
    }

    @Override
    public void reset() {
        abort();
        parts.clear();
        filled = 0;
        length = 0;
        etag = null;
    }

    @Override
    public StoredExport publish(ExportManifest manifest) {
        if (manifest.bytes() != length) {
            throw new ExportStorageException("manifest says " + manifest.bytes() + " bytes but the upload holds "
                    + length, null, false);
        }
        try {
            String storedEtag;
            if (uploadId == null) {
                storedEtag = s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(dataKey)
                        .contentType(contentType).checksumSHA256(Sha256.base64(buffer, filled)).build(),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
            } else {
                if (filled > 0) {
                    uploadPart();
                }
                storedEtag = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(location.bucket())
                        .key(dataKey).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build()).eTag();
                uploadId = null;
            }
            s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(manifestKey)
                    .contentType("application/json").build(), RequestBody.fromBytes(ManifestJson.encode(manifest, storedEtag)));
            finished = true;
            return new StoredExport(manifest, location.uri(dataKey));
        } catch (SdkException e) {
            abort();
            throw S3StorageAdapter.failure("publish", location.uri(dataKey), e);
        }
    }

    @Override
    public void discard() {
        abort();
        finished = true;
    }

    @Override
    public void close() {
        if (!finished) {
            abort();
            finished = true;
        }
    }

    private void abort() {
        if (uploadId == null) {
            return;
        }
        String id = uploadId;
        uploadId = null;
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(location.bucket()).key(dataKey)
                    .uploadId(id).build());
        } catch (SdkException ignored) {
            // The bucket's lifecycle rule for incomplete uploads is the backstop; the object was never visible.
        }
    }
}
