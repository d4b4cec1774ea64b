package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
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

/**
 * One upload in progress: parts filled in buffers from the {@link S3PartBudget} and sent by its threads while the
 * next part fills, each with its CRC32C; a file smaller than one part goes in one PUT. Published by waiting for
 * every part, completing the upload, then writing the manifest; the first failed part aborts the upload (after the
 * parts still in flight have ended), and so do discard and close, so that no partial object remains.
 */
final class S3PendingUpload implements PendingExportFile {
    private final S3Client s3;
    private final S3Location location;
    private final S3PartBudget budget;
    private final String contentType;
    private final String dataKey;
    private final String manifestKey;
    private byte[] buffer;
    private int filled;
    private long length;
    private String uploadId;
    private String etag;
    private boolean finished;
    // Under this object's lock: parts sent (by number), parts in flight, the first failure.
    private final TreeMap<Integer, CompletedPart> sent = new TreeMap<>();
    private int nextPart = 1;
    private int inFlight;
    private RuntimeException failed;

    S3PendingUpload(S3Client s3, S3Location location, S3PartBudget budget, String dataKey, String manifestKey,
                    StoredFormat format) {
        this.contentType = switch (format) {
            case GZIP -> "application/gzip";
            case NDJSON -> "application/x-ndjson";
            case PARQUET -> "application/vnd.apache.parquet";
        };
        this.s3 = s3;
        this.location = location;
        this.budget = budget;
        this.dataKey = dataKey;
        this.manifestKey = manifestKey;
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
            if (buffer == null) {
                failIfFailed();
                buffer = take();
            }
            int n = Math.min(count - done, buffer.length - filled);
            System.arraycopy(bytes, offset + done, buffer, filled, n);
            filled += n;
            done += n;
            length += n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    /** Hands the full buffer to a sending thread; the next write takes a fresh one. */
    private void sendPart() {
        if (uploadId == null) {
            try {
                uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                        .bucket(location.bucket()).key(dataKey).contentType(contentType)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).build()).uploadId();
            } catch (SdkException e) {
                throw S3StorageAdapter.failure("start the upload of", location.uri(dataKey), e);
            }
        }
        byte[] part = buffer;
        int size = filled;
        int number;
        String id = uploadId;
        synchronized (this) {
            number = nextPart++;
            inFlight++;
        }
        buffer = null;
        filled = 0;
        budget.send(() -> {
            try {
                String checksum = Crc32c.base64(part, size);
                String partEtag = s3.uploadPart(UploadPartRequest.builder().bucket(location.bucket()).key(dataKey)
                        .uploadId(id).partNumber(number).contentLength((long) size).checksumCRC32C(checksum)
                        .build(), body(part, size)).eTag();
                partDone(number, CompletedPart.builder().partNumber(number).eTag(partEtag)
                        .checksumCRC32C(checksum).build(), null);
            } catch (SdkException e) {
                partDone(number, null, S3StorageAdapter.failure("upload part " + number + " of",
                        location.uri(dataKey), e));
            } catch (RuntimeException | Error e) {
                partDone(number, null, new ExportStorageException("could not upload part " + number + " of "
                        + location.uri(dataKey) + ": " + e, e, false));
            } finally {
                budget.give(part);
            }
        });
    }

    private synchronized void partDone(int number, CompletedPart part, RuntimeException failure) {
        inFlight--;
        if (part != null) {
            sent.put(number, part);
        } else if (failed == null) {
            failed = failure;
        }
        notifyAll();
    }

    private static RequestBody body(byte[] bytes, int size) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, size), size,
                "application/octet-stream");
    }

    private byte[] take() {
        try {
            return budget.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while waiting for memory to upload "
                    + location.uri(dataKey), e);
        }
    }

    /** Waits for the parts in flight; if one failed, aborts the upload and throws its failure. */
    private void failIfFailed() {
        RuntimeException failure;
        synchronized (this) {
            if (failed == null) {
                return;
            }
            failure = failed;
        }
        abort();
        throw failure;
    }

    private synchronized void awaitParts() {
        boolean interrupted = false;
        while (inFlight > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                // The parts end by themselves (sent or failed); an abort before that could race them.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void reset() {
        abort();
        synchronized (this) {
            sent.clear();
            nextPart = 1;
            failed = null;
        }
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
                byte[] whole = buffer == null ? new byte[0] : buffer;
                storedEtag = s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(dataKey)
                        .contentType(contentType).checksumCRC32C(Crc32c.base64(whole, filled)).build(),
                        body(whole, filled)).eTag();
                release();
            } else {
                if (filled > 0) {
                    sendPart();
                }
                release();
                awaitParts();
                failIfFailed();
                List<CompletedPart> parts;
                synchronized (this) {
                    parts = new ArrayList<>(sent.values());
                }
                storedEtag = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                        .bucket(location.bucket()).key(dataKey).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build()).eTag();
                uploadId = null;
            }
            byte[] json = ManifestJson.encode(manifest, storedEtag);
            s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(manifestKey)
                    .contentType("application/json").checksumCRC32C(Crc32c.base64(json, json.length)).build(),
                    RequestBody.fromBytes(json));
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

    /** Gives back the buffer being filled, if any. */
    private void release() {
        if (buffer != null) {
            budget.give(buffer);
            buffer = null;
        }
        filled = 0;
    }

    /** Waits for the parts in flight, then aborts the upload: nothing of it stays in the bucket. */
    private void abort() {
        release();
        awaitParts();
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
